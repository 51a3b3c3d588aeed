class ConfigError(Exception):
    pass


def read(key):
    try:
        return {}[key]
    except KeyError as e:
        raise ConfigError("missing setting " + key) from e


read("port")
