a = [for]
b = [for x, in y : x]
c = [for x y : x]
d = [for x in y x]
e = [for x in y : x, z]
f = [for x in y : k => x]
g = {for x in y : x}
h = [for x in y : x...]
