bad = "ÿþ"
ok = 1
