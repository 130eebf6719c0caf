import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// AWS's network rules as the simulated cloud enforces them, with AWS's codes and messages.
@Suite struct NetworkRulesTests {
    // MARK: VPC and subnets

    @Test(arguments: [("10.0.0.0/15", "InvalidVpc.Range"), ("10.0.0.0/29", "InvalidVpc.Range"), ("10.0.0.1/16", "InvalidParameterValue")])
    func vpcCIDRMustBeANetworkBetween16And28(_ cidr: String, _ code: String) async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_vpc", ["cidr_block": str(cidr)])
        #expect(r.diagnostics.firstError.hasPrefix("creating EC2 VPC (aws_vpc): \(code): "))
        // The provider refuses it at plan time too, as the AWS provider's validation does.
        #expect(h.validate("aws_vpc", ["cidr_block": str(cidr)]).hasErrors)
    }

    @Test(arguments: ["10.0.0.0/16", "10.0.0.0/28", "172.31.0.0/20"])
    func vpcCIDRsAWSAccepts(_ cidr: String) async throws {
        let h = try CloudHarness()
        #expect(!h.validate("aws_vpc", ["cidr_block": str(cidr)]).hasErrors)
        #expect(!(await h.create("aws_vpc", ["cidr_block": str(cidr)])).diagnostics.hasErrors)
    }

    @Test func aVPCComesWithItsDefaultGroupRouteTableAndNetworkACL() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let sg = try #require(h.store.get("aws_security_group", id: vpc["default_security_group_id"]?.stringValue ?? "", account: "123456789012", region: "us-east-1"))
        #expect(sg["name"] == .string("default"))
        #expect(sg["vpc_id"]?.stringValue == vpc["id"]?.stringValue)
        #expect(h.store.get("aws_route_table", id: vpc["main_route_table_id"]?.stringValue ?? "", account: "123456789012", region: "us-east-1") != nil)
        #expect(h.store.get("aws_network_acl", id: vpc["default_network_acl_id"]?.stringValue ?? "", account: "123456789012", region: "us-east-1") != nil)
        // They go with the VPC, and cannot go without it.
        let sgValue = try #require(await h.provider.importResource(type: "aws_security_group", id: sg.id).state)
        #expect((await h.delete("aws_security_group", sgValue)).diagnostics.firstError.contains("CannotDelete"))
        #expect(!(await h.delete("aws_vpc", vpc)).diagnostics.hasErrors)
        #expect(h.store.objects(account: "123456789012", region: "us-east-1").isEmpty)
    }

    @Test(arguments: [
        ("10.0.1.0/24", "10.0.1.128/25", "InvalidSubnet.Conflict: The CIDR '10.0.1.128/25' conflicts with another subnet"),
        ("10.0.1.0/24", "10.0.0.0/16", "InvalidSubnet.Conflict"),
        ("10.0.1.0/24", "10.1.0.0/24", "InvalidSubnet.Range: The CIDR '10.1.0.0/24' is invalid."),
        ("10.0.1.0/24", "10.0.2.0/29", "InvalidSubnet.Range"),
    ])
    func subnetsFitTheirVPCAndDoNotOverlap(_ first: String, _ second: String, _ error: String) async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        _ = try await h.make("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str(first)])
        let r = await h.create("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str(second)])
        #expect(r.diagnostics.firstError.hasPrefix("creating EC2 Subnet (aws_subnet): \(error)"), "\(r.diagnostics.firstError)")
    }

    @Test func subnetsOfDifferentVPCsMayOverlap() async throws {
        let h = try CloudHarness()
        for _ in 0..<2 {
            let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
            _ = try await h.make("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.1.0/24")])
        }
    }

    @Test(arguments: [("us-east-1", "us-east-1c", true), ("us-east-1", "us-east-1d", false), ("eu-west-1", "eu-west-1b", true), ("eu-west-1", "us-east-1a", false)])
    func subnetZonesBelongToTheRegion(_ region: String, _ zone: String, _ ok: Bool) async throws {
        let h = try CloudHarness(region: region)
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let r = await h.create("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.1.0/24"), "availability_zone": str(zone)])
        if ok {
            #expect(r.newState?["availability_zone"] == .string(zone))
            #expect(r.newState?["availability_zone_id"]?.stringValue?.hasSuffix("-az\(zone.last == "a" ? 1 : zone.last == "b" ? 2 : 3)") == true)
        } else {
            let zones = AWSRegions.zones[region]?.joined(separator: ", ") ?? ""
            #expect(r.diagnostics.firstError == "creating EC2 Subnet (aws_subnet): InvalidParameterValue: Value (\(zone)) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: \(zones).")
        }
    }

    @Test func subnetNeedsAnExistingVPC() async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_subnet", ["vpc_id": str("vpc-0123456789abcdef0"), "cidr_block": str("10.0.1.0/24")])
        #expect(r.diagnostics.firstError.contains("InvalidVpcID.NotFound: The vpc ID 'vpc-0123456789abcdef0' does not exist"))
    }

    // MARK: DependencyViolation

    @Test(arguments: ["aws_subnet", "aws_internet_gateway", "aws_security_group", "aws_route_table", "aws_vpc_endpoint"])
    func aVPCInUseCannotBeDeleted(_ dependent: String) async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let attrs: [String: Value] = switch dependent {
        case "aws_subnet": ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.1.0/24")]
        case "aws_security_group": ["vpc_id": vpc.s("id"), "name": str("app")]
        case "aws_vpc_endpoint": ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.s3")]
        default: ["vpc_id": vpc.s("id")]
        }
        let d = try await h.make(dependent, attrs)
        let r = await h.delete("aws_vpc", vpc)
        #expect(r.diagnostics.firstError == "deleting EC2 VPC (\(vpc["id"]!.stringValue!)): DependencyViolation: The vpc '\(vpc["id"]!.stringValue!)' has dependencies and cannot be deleted.")
        #expect(r.newState != nil, "the VPC stays in state")
        #expect(!(await h.delete(dependent, d)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_vpc", vpc)).diagnostics.hasErrors)
    }

    @Test func aSubnetUsedByANATGatewayOrLoadBalancerCannotBeDeleted() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let eip = try await h.make("aws_eip", ["domain": str("vpc")])
        let nat = try await h.make("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": n.subnets[0].s("id")])
        let r = await h.delete("aws_subnet", n.subnets[0])
        #expect(r.diagnostics.firstError.contains("DependencyViolation: The subnet '\(n.subnets[0]["id"]!.stringValue!)' has dependencies and cannot be deleted."))
        // A route table association does not hold it: it goes with the subnet.
        let rt = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
        let assoc = try await h.make("aws_route_table_association", ["subnet_id": n.subnets[1].s("id"), "route_table_id": rt.s("id")])
        #expect(!(await h.delete("aws_subnet", n.subnets[1])).diagnostics.hasErrors)
        #expect(await h.read("aws_route_table_association", assoc) == nil)
        #expect(!(await h.delete("aws_nat_gateway", nat)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_subnet", n.subnets[0])).diagnostics.hasErrors)
    }

    @Test func aSecurityGroupReferencedByAnotherCannotBeDeleted() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let alb = try await h.make("aws_security_group", ["name": str("alb"), "vpc_id": vpc.s("id")])
        let app = try await h.make("aws_security_group", ["name": str("app"), "vpc_id": vpc.s("id"),
            "ingress": obj(["from_port": num(8000), "to_port": num(8000), "protocol": str("tcp"), "security_groups": stringSet([alb.s("id")])])])
        let r = await h.delete("aws_security_group", alb)
        #expect(r.diagnostics.firstError == "deleting Security Group (\(alb["id"]!.stringValue!)): DependencyViolation: resource \(alb["id"]!.stringValue!) has a dependent object")
        #expect(!(await h.delete("aws_security_group", app)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_security_group", alb)).diagnostics.hasErrors)
    }

    @Test func aGroupsOwnRulesGoWithIt() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let sg = try await h.make("aws_security_group", ["name": str("app"), "vpc_id": vpc.s("id")])
        let rule = try await h.make("aws_vpc_security_group_ingress_rule", ["security_group_id": sg.s("id"), "cidr_ipv4": str("10.0.0.0/8"),
                                                                            "from_port": num(22), "to_port": num(22), "ip_protocol": str("tcp")])
        #expect(!(await h.delete("aws_security_group", sg)).diagnostics.hasErrors)
        #expect(await h.read("aws_vpc_security_group_ingress_rule", rule) == nil)
    }

    @Test func anAttachedGatewayCannotBeDetachedWhileAddressesAreMapped() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let eip = try await h.make("aws_eip", ["domain": str("vpc")])
        let nat = try await h.make("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": n.subnets[0].s("id")])
        let vpcID = n.vpc["id"]!.stringValue!
        #expect((await h.delete("aws_internet_gateway", n.igw)).diagnostics.firstError ==
            "deleting EC2 Internet Gateway (\(n.igw["id"]!.stringValue!)): DependencyViolation: Network \(vpcID) has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.")
        #expect((await h.delete("aws_eip", eip)).diagnostics.firstError.contains("InvalidIPAddress.InUse"))
        #expect(!(await h.delete("aws_nat_gateway", nat)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_eip", eip)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_internet_gateway", n.igw)).diagnostics.hasErrors)
    }

    // MARK: Gateways and routes

    @Test func aVPCHasOneInternetGateway() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let r = await h.create("aws_internet_gateway", ["vpc_id": n.vpc.s("id")])
        #expect(r.diagnostics.firstError.contains("InvalidParameterValue: Network \(n.vpc["id"]!.stringValue!) already has an internet gateway attached"))
    }

    @Test func aPublicNATGatewayNeedsAnInternetGatewayAndAFreeAddress() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let subnet = try await h.make("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.1.0/24")])
        let eip = try await h.make("aws_eip", ["domain": str("vpc")])
        let noGateway = await h.create("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": subnet.s("id")])
        #expect(noGateway.diagnostics.firstError == "creating EC2 NAT Gateway (aws_nat_gateway): Gateway.NotAttached: Network \(vpc["id"]!.stringValue!) has no Internet gateway attached")
        _ = try await h.make("aws_internet_gateway", ["vpc_id": vpc.s("id")])
        let nat = try await h.make("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": subnet.s("id")])
        #expect(nat["public_ip"] == eip["public_ip"])
        #expect(nat["private_ip"]?.stringValue?.hasPrefix("10.0.1.") == true)
        let again = await h.create("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": subnet.s("id")])
        #expect(again.diagnostics.firstError.contains("Resource.AlreadyAssociated: Elastic IP address [\(eip["id"]!.stringValue!)] is already associated"))
        let privateNAT = try await h.make("aws_nat_gateway", ["subnet_id": subnet.s("id"), "connectivity_type": str("private")])
        #expect(privateNAT["public_ip"] == .string(""))
    }

    @Test func routesNeedTargetsOfTheirVPCAndUniqueDestinations() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let other = try await h.network(cidr: "10.1.0.0/16")
        let rt = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
        let foreign = await h.create("aws_route", ["route_table_id": rt.s("id"), "destination_cidr_block": str("0.0.0.0/0"), "gateway_id": other.igw.s("id")])
        #expect(foreign.diagnostics.firstError.contains("InvalidParameterValue: route table \(rt["id"]!.stringValue!) and network gateway \(other.igw["id"]!.stringValue!) belong to different networks"))
        let missing = await h.create("aws_route", ["route_table_id": rt.s("id"), "destination_cidr_block": str("0.0.0.0/0"), "nat_gateway_id": str("nat-0123456789abcdef0")])
        #expect(missing.diagnostics.firstError.contains("InvalidNatGatewayID.NotFound"))
        _ = try await h.make("aws_route", ["route_table_id": rt.s("id"), "destination_cidr_block": str("0.0.0.0/0"), "gateway_id": n.igw.s("id")])
        let dup = await h.create("aws_route", ["route_table_id": rt.s("id"), "destination_cidr_block": str("0.0.0.0/0"), "gateway_id": n.igw.s("id")])
        #expect(dup.diagnostics.firstError.contains("RouteAlreadyExists: The route identified by 0.0.0.0/0 already exists."))
        let local = await h.create("aws_route", ["route_table_id": rt.s("id"), "destination_cidr_block": str("10.0.5.0/24"), "gateway_id": n.igw.s("id")])
        #expect(local.diagnostics.firstError.contains("is equal to or more specific than one of this VPC's CIDR blocks"))
        // The table shows the separate route as one of its routes; the route's ID is the provider's.
        let table = try #require(await h.read("aws_route_table", rt))
        #expect(table.items("route").count == 1)
        #expect(h.store.list("aws_route", account: "123456789012", region: "us-east-1").first?.id == "r-\(rt["id"]!.stringValue!)1080289494")
    }

    @Test func aSubnetHasOneRouteTableAndTablesInUseStay() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let rt1 = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
        let rt2 = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
        _ = try await h.make("aws_route_table_association", ["subnet_id": n.subnets[0].s("id"), "route_table_id": rt1.s("id")])
        let second = await h.create("aws_route_table_association", ["subnet_id": n.subnets[0].s("id"), "route_table_id": rt2.s("id")])
        #expect(second.diagnostics.firstError.contains("Resource.AlreadyAssociated"))
        #expect((await h.delete("aws_route_table", rt1)).diagnostics.firstError.contains("DependencyViolation: The routeTable '\(rt1["id"]!.stringValue!)' has dependencies and cannot be deleted."))
        let other = try await h.network(cidr: "10.1.0.0/16")
        let cross = await h.create("aws_route_table_association", ["subnet_id": other.subnets[0].s("id"), "route_table_id": rt2.s("id")])
        #expect(cross.diagnostics.firstError.contains("belong to different networks"))
    }

    // MARK: Security groups

    @Test func groupNamesAreUniquePerVPCAndSomeAreReserved() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        _ = try await h.make("aws_security_group", ["name": str("web"), "vpc_id": vpc.s("id")])
        #expect((await h.create("aws_security_group", ["name": str("web"), "vpc_id": vpc.s("id")])).diagnostics.firstError
            .contains("InvalidGroup.Duplicate: The security group 'web' already exists for VPC '\(vpc["id"]!.stringValue!)'"))
        #expect((await h.create("aws_security_group", ["name": str("default"), "vpc_id": vpc.s("id")])).diagnostics.firstError.contains("reserved"))
        #expect((await h.create("aws_security_group", ["name": str("sg-web"), "vpc_id": vpc.s("id")])).diagnostics.firstError.contains("sg-*"))
        #expect((await h.create("aws_security_group", ["name": str("novpc")])).diagnostics.firstError.contains("VPCIdNotSpecified"))
        let generated = try await h.make("aws_security_group", ["vpc_id": vpc.s("id")])
        #expect(generated["name"]?.stringValue?.range(of: "^terraform-[0-9]{18}[0-9a-f]{8}$", options: .regularExpression) != nil)
        #expect(generated["description"] == .string("Managed by Terraform"))
        #expect(generated.items("egress").isEmpty, "the default allow-all egress rule is removed, as the provider does")
    }

    @Test func rulesReferToGroupsOfTheSameVPC() async throws {
        let h = try CloudHarness()
        let a = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let b = try await h.make("aws_vpc", ["cidr_block": str("10.1.0.0/16")])
        let sgA = try await h.make("aws_security_group", ["name": str("a"), "vpc_id": a.s("id")])
        let sgB = try await h.make("aws_security_group", ["name": str("b"), "vpc_id": b.s("id")])
        let cross = await h.create("aws_vpc_security_group_ingress_rule", ["security_group_id": sgA.s("id"), "referenced_security_group_id": sgB.s("id"),
                                                                           "from_port": num(80), "to_port": num(80), "ip_protocol": str("tcp")])
        #expect(cross.diagnostics.firstError.contains("InvalidGroup.NotFound: You have specified two resources that belong to different networks."))
        let legacy = await h.create("aws_security_group_rule", ["type": str("ingress"), "security_group_id": sgA.s("id"), "source_security_group_id": sgB.s("id"),
                                                                "from_port": num(80), "to_port": num(80), "protocol": str("tcp")])
        #expect(legacy.diagnostics.firstError.contains("belong to different networks"))
        let inline = await h.create("aws_security_group", ["name": str("c"), "vpc_id": a.s("id"),
            "ingress": obj(["from_port": num(80), "to_port": num(80), "protocol": str("tcp"), "security_groups": stringSet([sgB.s("id")])])])
        #expect(inline.diagnostics.firstError.contains("belong to different networks"))
        let missing = await h.create("aws_vpc_security_group_egress_rule", ["security_group_id": sgA.s("id"), "referenced_security_group_id": str("sg-0123456789abcdef0"), "ip_protocol": str("-1")])
        #expect(missing.diagnostics.firstError.contains("InvalidGroup.NotFound: The security group 'sg-0123456789abcdef0' does not exist"))
    }

    @Test func aRuleTheGroupHasAlreadyIsADuplicateHoweverItIsWritten() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let sg = try await h.make("aws_security_group", ["name": str("web"), "vpc_id": vpc.s("id"),
            "ingress": obj(["from_port": num(443), "to_port": num(443), "protocol": str("tcp"), "cidr_blocks": strings("0.0.0.0/0")])])
        let dup = await h.create("aws_vpc_security_group_ingress_rule", ["security_group_id": sg.s("id"), "cidr_ipv4": str("0.0.0.0/0"),
                                                                         "from_port": num(443), "to_port": num(443), "ip_protocol": str("6")])
        #expect(dup.diagnostics.firstError.contains("InvalidPermission.Duplicate: the specified rule \"peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW\" already exists"))
        _ = try await h.make("aws_security_group_rule", ["type": str("ingress"), "security_group_id": sg.s("id"), "cidr_blocks": strings("10.0.0.0/8"),
                                                          "from_port": num(22), "to_port": num(22), "protocol": str("tcp")])
        let again = await h.create("aws_security_group_rule", ["type": str("ingress"), "security_group_id": sg.s("id"), "cidr_blocks": strings("10.0.0.0/8"),
                                                                "from_port": num(22), "to_port": num(22), "protocol": str("TCP")])
        #expect(again.diagnostics.firstError.contains("InvalidPermission.Duplicate"))
    }

    @Test(arguments: [(80, 70, "tcp", "portRange"), (0, 65536, "tcp", "portRange"), (22, 22, "-1", "must both be 0")])
    func rulePortsSuitTheirProtocol(_ from: Int, _ to: Int, _ proto: String, _ message: String) async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let r = await h.create("aws_security_group", ["name": str("x"), "vpc_id": vpc.s("id"),
            "ingress": obj(["from_port": num(from), "to_port": num(to), "protocol": str(proto), "cidr_blocks": strings("0.0.0.0/0")])])
        #expect(r.diagnostics.firstError.contains(message), "\(r.diagnostics.firstError)")
    }

    @Test func aGroupWithoutIngressBlocksKeepsRulesManagedElsewhere() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let sg = try await h.make("aws_security_group", ["name": str("app"), "vpc_id": vpc.s("id")])
        _ = try await h.make("aws_vpc_security_group_ingress_rule", ["security_group_id": sg.s("id"), "cidr_ipv4": str("10.0.0.0/8"),
                                                                     "from_port": num(8000), "to_port": num(8000), "ip_protocol": str("tcp")])
        let read = try #require(await h.read("aws_security_group", sg))
        #expect(read.items("ingress").count == 1)
        let plan = h.plan("aws_security_group", ["name": str("app"), "vpc_id": vpc.s("id")], prior: read)
        #expect(Evaluator.valuesEqual(plan.planned.unmarkedDeep, read.unmarkedDeep), "no change planned")
        // An update of the group (tags) leaves the separate rule alone and does not duplicate it.
        let updated = await h.update("aws_security_group", read, ["name": str("app"), "vpc_id": vpc.s("id"), "tags": tags(["Team": "web"])])
        #expect(!updated.diagnostics.hasErrors, "\(updated.diagnostics)")
        let after = try #require(await h.read("aws_security_group", read))
        #expect(after.items("ingress").count == 1)
    }

    // MARK: Endpoints and flow logs

    @Test func endpointServicesAndTypesAreChecked() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect((await h.create("aws_vpc_endpoint", ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.nope")])).diagnostics.firstError
            .contains("InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.nope' does not exist"))
        #expect((await h.create("aws_vpc_endpoint", ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.ecr.api")])).diagnostics.firstError
            .contains("Endpoint type (Gateway) does not match available service types ([Interface])."))
        #expect((await h.create("aws_vpc_endpoint", ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.eu-west-1.s3")])).diagnostics.firstError
            .contains("InvalidServiceName"))
        let s3 = try await h.make("aws_vpc_endpoint", ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.s3")])
        #expect(s3["prefix_list_id"] == .string("pl-63a5400a"))
        #expect(s3["state"] == .string("available"))
    }

    @Test func interfaceEndpointsTakeOneSubnetPerZoneAndPrivateDNSNeedsDNSOnTheVPC() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let a = try await h.make("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.1.0/24"), "availability_zone": str("us-east-1a")])
        let a2 = try await h.make("aws_subnet", ["vpc_id": vpc.s("id"), "cidr_block": str("10.0.2.0/24"), "availability_zone": str("us-east-1a")])
        let base: [String: Value] = ["vpc_id": vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.ecr.dkr"), "vpc_endpoint_type": str("Interface")]
        let twoInOneZone = await h.create("aws_vpc_endpoint", base.merging(["subnet_ids": stringSet([a.s("id"), a2.s("id")])]) { x, _ in x })
        #expect(twoInOneZone.diagnostics.firstError.contains("DuplicateSubnetsInSameZone"))
        let dns = await h.create("aws_vpc_endpoint", base.merging(["subnet_ids": stringSet([a.s("id")]), "private_dns_enabled": .bool(true)]) { x, _ in x })
        #expect(dns.diagnostics.firstError.contains("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for \(vpc["id"]!.stringValue!)"))
        let ok = try await h.make("aws_vpc_endpoint", base.merging(["subnet_ids": stringSet([a.s("id")])]) { x, _ in x })
        #expect(ok.items("dns_entry").first?.str("dns_name")?.hasSuffix(".ecr.dkr.us-east-1.vpce.amazonaws.com") == true)
        #expect(ok.items("network_interface_ids").count == 1)
    }

    @Test func flowLogsToCloudWatchNeedARoleAndValidSettings() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let noRole = await h.create("aws_flow_log", ["vpc_id": vpc.s("id"), "traffic_type": str("ALL"), "log_group_name": str("flow")])
        #expect(noRole.diagnostics.firstError.contains("DeliverLogsPermissionArn"))
        #expect(h.validate("aws_flow_log", ["vpc_id": vpc.s("id"), "traffic_type": str("SOME")]).firstError.contains("expected traffic_type to be one of"))
        #expect(h.validate("aws_flow_log", ["vpc_id": vpc.s("id"), "traffic_type": str("ALL"), "max_aggregation_interval": num(30)]).firstError.contains("max_aggregation_interval"))
        #expect(h.validate("aws_flow_log", ["traffic_type": str("ALL")]).hasErrors, "one of vpc_id, subnet_id, … is required")
        let s3 = await h.create("aws_flow_log", ["vpc_id": vpc.s("id"), "traffic_type": str("ALL"), "log_destination_type": str("s3"),
                                                 "log_destination": str("arn:aws:s3:::no-such-bucket")])
        #expect(s3.diagnostics.firstError.contains("no-such-bucket does not exist"))
    }
}

/// The network family's deletes and the data family's users of subnets and security groups.
@Suite struct NetworkDataUsersTests {
    @Test func aSubnetWithADatabaseInItsZoneStaysTheOtherGoes() async throws {
        let c = try DataCloud()
        c.provider.dependencyWait = 0
        let r = try await DataLifecycleTests.subnetGroup(c)
        let subnets = (r["subnets"]?.elements ?? []).compactMap(\.stringValue)
        try #require(subnets.count == 2)
        let db = try await c.make("aws_db_instance", DataRDSRulesTests.instance(r))
        let dbZone = try #require(db["availability_zone"]?.stringValue)
        let zoneOf = { (id: String) in c.provider.store.get("aws_subnet", id: id, account: "123456789012", region: "us-east-1")?["availability_zone"]?.stringValue }
        let used = try #require(subnets.first { zoneOf($0) == dbZone })
        let free = try #require(subnets.first { zoneOf($0) != dbZone })
        func subnetState(_ id: String) async throws -> Value {
            try #require(await c.provider.importResource(type: "aws_subnet", id: id).state)
        }
        let blocked = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_subnet", prior: try await subnetState(used), planned: nil, config: nil, token: "d1"))
        #expect(blocked.diagnostics.firstError.contains("DependencyViolation: The subnet '\(used)' has dependencies and cannot be deleted."))
        let ok = await c.provider.applyResourceChange(ApplyRequest(typeName: "aws_subnet", prior: try await subnetState(free), planned: nil, config: nil, token: "d2"))
        #expect(!ok.diagnostics.hasErrors, "\(ok.diagnostics)")
    }
}
