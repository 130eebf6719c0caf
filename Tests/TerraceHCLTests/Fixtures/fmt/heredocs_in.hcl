resource "aws_iam_policy" "p" {
  policy = <<EOF
{
  "Version": "2012-10-17",
    "Statement": [ ${jsonencode(var.statement)} ]
}
EOF
  description = "x"
  user_data = <<-EOT
    #!/bin/bash
      echo "${var.name}"   
    %{ for s in var.servers ~}
    server ${ s }
    %{~ endfor }
    EOT
  list = [<<EOT
inside a list
EOT
  , "after"]
  fn = templatefile("x.tpl",{a=<<EOT
a
EOT
  })
}
