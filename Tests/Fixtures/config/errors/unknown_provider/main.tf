resource "nul_resource" "b" {}

resource "google_compute_instance" "c" {}
