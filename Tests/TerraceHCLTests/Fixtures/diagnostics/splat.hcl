a = b[* c]
