#!/bin/sh
# Creates five objects directly in the simulated cloud, as someone clicking in the
# console would, then adopts them into this configuration's state with
# `terrace import`. Expected to print "No changes." at the end.
#
# Run from this directory:  sh adopt.sh      (TERRACE defaults to `swift run terrace`)
#
# Assumes `terrace cloud create` prints the new object's ID as the last word of its
# last line (issue 7); the IDs of the bucket and log group are their names.
set -eu

TERRACE=${TERRACE:-"swift run --package-path ../.. terrace"}

created_id() { tail -n 1 | awk '{ print $NF }'; }

VPC_ID=$($TERRACE cloud create aws_vpc cidr_block=10.20.0.0/16 | created_id)
SUBNET_ID=$($TERRACE cloud create aws_subnet vpc_id="$VPC_ID" cidr_block=10.20.1.0/24 availability_zone=us-east-1a | created_id)
SG_ID=$($TERRACE cloud create aws_security_group vpc_id="$VPC_ID" name=legacy-web description="Legacy web servers" | created_id)
$TERRACE cloud create aws_s3_bucket bucket=social-flow-legacy-assets-123456789012
$TERRACE cloud create aws_cloudwatch_log_group name=/legacy/web retention_in_days=14

echo "Created $VPC_ID, $SUBNET_ID, $SG_ID, the bucket and the log group; nothing is in state yet:"
$TERRACE plan || true

$TERRACE import aws_vpc.legacy "$VPC_ID"
$TERRACE import aws_subnet.legacy_a "$SUBNET_ID"
$TERRACE import aws_security_group.legacy_web "$SG_ID"
$TERRACE import aws_s3_bucket.legacy_assets social-flow-legacy-assets-123456789012
$TERRACE import aws_cloudwatch_log_group.legacy_web /legacy/web

$TERRACE plan -detailed-exitcode
