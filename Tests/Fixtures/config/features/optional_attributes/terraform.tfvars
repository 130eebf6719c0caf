service = {
  name = "api"
  ports = [
    { port = 80 },
    { port = 53, protocol = "udp" },
  ]
}
