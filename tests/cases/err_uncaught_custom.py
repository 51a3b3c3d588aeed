# err: an uncaught user exception class
class ConfigError(Exception):
    pass
def check(cfg):
    if "name" not in cfg:
        raise ConfigError("missing key: name")
check({"name": "ok"})
print("first config fine")
check({})
