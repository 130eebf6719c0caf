data "null_data_sourc" "a" {}
