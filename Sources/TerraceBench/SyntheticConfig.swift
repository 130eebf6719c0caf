import Foundation

/// A synthetic Terraform configuration of a chosen number of resource instances, for measuring
/// how plan and apply scale. It is built from blocks of 100 instances that each use what real
/// configurations use: attribute references, `depends_on` chains, `count`, `for_each`, a
/// module called with `for_each`, and locals. Every block is the same, so the work per
/// instance is the same at every size and any growth faster than N is the engine's.
///
/// The `null` flavour uses only `null_resource` and runs unchanged on Terraform 1.0.3 (which
/// has no `terraform_data`); the `mixed` flavour makes 30 of every 100 instances (the
/// `depends_on` chain and the resources reading the module) `terraform_data`.
public struct SyntheticConfig: Sendable {
    public enum Flavour: String, Sendable, CaseIterable {
        case null
        case mixed
    }

    /// Instances per block; sizes are rounded up to a multiple of it.
    public static let blockSize = 100

    public var instances: Int
    public var flavour: Flavour

    public init(instances: Int, flavour: Flavour = .null) {
        self.instances = instances
        self.flavour = flavour
    }

    public var blocks: Int { max(1, (instances + Self.blockSize - 1) / Self.blockSize) }

    /// The files of the configuration, by path relative to its root directory.
    public var files: [(path: String, text: String)] {
        [("main.tf", mainFile), ("modules/unit/main.tf", Self.moduleFile)]
    }

    /// Writes the configuration into `dir` (created if needed), replacing earlier files.
    public func write(to dir: String) throws {
        for (path, text) in files {
            let full = (dir as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    var mainFile: String {
        var s = """
        terraform {
          required_providers {
            null = {
              source  = "hashicorp/null"
              version = "2.1.2"
            }
          }
        }

        locals {
          keys    = { for i in range(20) : "k${i}" => "v${i}" }
          sides   = toset(["left", "right"])
          release = "r1"
        }


        """
        s.reserveCapacity(instances * 330)
        for b in 0..<blocks { s += block(b) }
        s += """
        output "first" {
          value = null_resource.b0_chain0.id
        }

        output "blocks" {
          value = \(blocks)
        }

        """
        return s
    }

    /// One block of exactly `blockSize` instances.
    func block(_ b: Int) -> String {
        let p = "b\(b)"
        let depType = flavour == .mixed ? "terraform_data" : "null_resource"
        var s = ""
        // 10: a chain of attribute references.
        for k in 0..<10 {
            let prev = k == 0 ? "\"\(p)\"" : "null_resource.\(p)_chain\(k - 1).id"
            s += """
            resource "null_resource" "\(p)_chain\(k)" {
              triggers = {
                prev = \(prev)
                name = "\(p)-\(k)"
              }
            }


            """
        }
        // 10: a chain of depends_on.
        for k in 0..<10 {
            let dep = k == 0 ? "" : "\n  depends_on = [\(depType).\(p)_dep\(k - 1)]"
            if flavour == .mixed {
                s += """
                resource "terraform_data" "\(p)_dep\(k)" {
                  input = "\(p)-dep-\(k)"\(dep)
                }


                """
            } else {
                s += """
                resource "null_resource" "\(p)_dep\(k)" {
                  triggers = {
                    step = "\(k)"
                  }\(dep)
                }


                """
            }
        }
        // 20: count, reading the end of the reference chain.
        s += """
        resource "null_resource" "\(p)_count" {
          count = 20
          triggers = {
            index = count.index
            head  = null_resource.\(p)_chain9.id
          }
        }

        // 20: for_each over a local map.
        resource "null_resource" "\(p)_each" {
          for_each = local.keys
          triggers = {
            key     = each.key
            value   = each.value
            release = local.release
          }
        }

        // 20: a module called for two keys, ten instances each.
        module "\(p)" {
          source   = "./modules/unit"
          for_each = local.sides
          prefix   = "\(p)-${each.key}"
          upstream = null_resource.\(p)_chain0.id
        }


        """
        // 20: resources reading the module's outputs.
        for k in 0..<20 {
            let side = k % 2 == 0 ? "left" : "right"
            if flavour == .mixed {
                s += """
                resource "terraform_data" "\(p)_tail\(k)" {
                  input            = module.\(p)["\(side)"].id
                  triggers_replace = [\(depType).\(p)_dep9.id, "\(k)"]
                }


                """
            } else {
                s += """
                resource "null_resource" "\(p)_tail\(k)" {
                  triggers = {
                    module = module.\(p)["\(side)"].id
                    last   = null_resource.\(p)_dep9.id
                  }
                }


                """
            }
        }
        return s
    }

    /// Ten instances: one head, and nine counted ones that read it.
    static let moduleFile = """
    variable "prefix" {
      type = string
    }

    variable "upstream" {
      type = string
    }

    resource "null_resource" "head" {
      triggers = {
        prefix   = var.prefix
        upstream = var.upstream
      }
    }

    resource "null_resource" "items" {
      count = 9
      triggers = {
        head  = null_resource.head.id
        index = "${var.prefix}-${count.index}"
      }
    }

    output "id" {
      value = null_resource.head.id
    }

    """
}
