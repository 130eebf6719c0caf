a = 1;
b = 'single'
c = x & y
d = x | y
e = ~x
f = `backtick`
g = “curly”
h = x ^ y
