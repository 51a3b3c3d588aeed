import json

json.lods("[]")
