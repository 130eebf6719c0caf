replicas   = 9
zones      = "not-a-list"
undeclared = 1
