def café(größe, naïve):
    return größe["ключ"] + naïve


café({"ключ": "значение"}, 1)
