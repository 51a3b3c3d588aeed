from é import ü as
