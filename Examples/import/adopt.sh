#!/bin/sh
# Creates five objects directly in the simulated cloud, as someone clicking in the
# console would, then adopts them into this configuration's state with
# `terrace import`. Prints "No changes." at the end.
#
# Run from this directory:  sh adopt.sh      (TERRACE defaults to `swift run terrace`)
#
# `terrace cloud create` prints the new object's ID on a line of its own; the IDs of the
# bucket and the log group are their names.
set -eu

TERRACE=${TERRACE:-"swift run --package-path ../.. terrace"}

VPC_ID=$($TERRACE cloud create aws_vpc cidr_block=10.20.0.0/16)
SUBNET_ID=$($TERRACE cloud create aws_subnet vpc_id="$VPC_ID" cidr_block=10.20.1.0/24 availability_zone=us-east-1a)
SG_ID=$($TERRACE cloud create aws_security_group vpc_id="$VPC_ID" name=legacy-web description="Legacy web servers")
$TERRACE cloud create aws_s3_bucket bucket=social-flow-legacy-assets-123456789012 >/dev/null
$TERRACE cloud create aws_cloudwatch_log_group name=/legacy/web retention_in_days=14 >/dev/null

echo "Created $VPC_ID, $SUBNET_ID, $SG_ID, the bucket and the log group; nothing is in state yet:"
$TERRACE plan

$TERRACE import aws_vpc.legacy "$VPC_ID"
$TERRACE import aws_subnet.legacy_a "$SUBNET_ID"
$TERRACE import aws_security_group.legacy_web "$SG_ID"
$TERRACE import aws_s3_bucket.legacy_assets social-flow-legacy-assets-123456789012
$TERRACE import aws_cloudwatch_log_group.legacy_web /legacy/web

$TERRACE plan -detailed-exitcode
