import Foundation
import Testing
import TerraceTestSupport

/// `terrace fmt` as a user runs it: flags, exit codes and output, against what
/// `terraform fmt` 1.0.3 printed for the same tree (`main.tf` and `vars.tfvars` unformatted,
/// `ok.tf` formatted, `sub/` with a nested `deeper/`, a hidden directory and an editor backup).
@Suite(.serialized) struct FmtCommandTests {
    static func tree() -> TempDirectory {
        let dir = TempDirectory("terrace-fmt")
        dir.write("main.tf", "a   = 1\nbb = \"${x}\"\n")
        dir.write("ok.tf", "ok = 1\n")
        dir.write("vars.tfvars", "v=5\n")
        dir.write("notes.txt", "not=hcl\n")
        dir.write("sub/s.tf", "x=1\n")
        dir.write("sub/deeper/d.tf", "y=2\n")
        dir.write("sub/.hidden/h.tf", "z=3\n")
        dir.write("sub/w.tf~", "w=4\n")
        return dir
    }

    func fmt(_ args: [String], in dir: TempDirectory, stdin: String? = nil) -> TerraceProcess.Result {
        TerraceProcess.run(["fmt"] + args, cwd: dir.path, stdin: stdin)
    }

    @Test func checkListsFilesThatWouldChange() {
        let dir = FmtCommandTests.tree()
        let r = fmt(["-check"], in: dir)
        #expect(r.status == 3)
        #expect(r.stdout == "main.tf\nvars.tfvars\n")
        #expect(dir.read("main.tf") == "a   = 1\nbb = \"${x}\"\n")
        let quiet = fmt(["-check", "-list=false"], in: dir)
        #expect(quiet.status == 3 && quiet.stdout.isEmpty)
    }

    @Test func recursiveSkipsHiddenDirectoriesAndBackups() {
        let dir = FmtCommandTests.tree()
        let r = fmt(["-check", "-recursive"], in: dir)
        #expect(r.status == 3)
        #expect(r.stdout == "main.tf\nsub/deeper/d.tf\nsub/s.tf\nvars.tfvars\n")
    }

    @Test func writesFilesAndThenIsClean() {
        let dir = FmtCommandTests.tree()
        let r = fmt(["-recursive"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "main.tf\nsub/deeper/d.tf\nsub/s.tf\nvars.tfvars\n")
        #expect(dir.read("main.tf") == "a  = 1\nbb = x\n")
        #expect(dir.read("sub/.hidden/h.tf") == "z=3\n")
        let again = fmt(["-check", "-recursive"], in: dir)
        #expect(again.status == 0 && again.stdout.isEmpty)
    }

    @Test func diffIsUnified() {
        let dir = FmtCommandTests.tree()
        let r = fmt(["-check", "-diff"], in: dir)
        #expect(r.status == 3)
        #expect(r.stdout == """
        main.tf
        --- old/main.tf
        +++ new/main.tf
        @@ -1,2 +1,2 @@
        -a   = 1
        -bb = "${x}"
        +a  = 1
        +bb = x
        vars.tfvars
        --- old/vars.tfvars
        +++ new/vars.tfvars
        @@ -1 +1 @@
        -v=5
        +v = 5

        """)
    }

    @Test func printsWithoutWritingOrListing() {
        let dir = FmtCommandTests.tree()
        let r = fmt(["-list=false", "-write=false", "sub"], in: dir)
        #expect(r.status == 0)
        #expect(r.stdout == "x = 1\n")
    }

    @Test func standardInput() {
        let dir = TempDirectory("terrace-fmt")
        let r = fmt(["-"], in: dir, stdin: "a=1")
        #expect(r.status == 0 && r.stdout == "a = 1\n")
        let check = fmt(["-check", "-"], in: dir, stdin: "a=1\n")
        #expect(check.status == 3 && check.stdout.isEmpty)
        let clean = fmt(["-check", "-"], in: dir, stdin: "a = 1\n")
        #expect(clean.status == 0)
    }

    @Test func syntaxErrorsExitTwo() {
        let dir = TempDirectory("terrace-fmt")
        dir.write("bad.tf", "a = [1,\n")
        let r = fmt(["-no-color"], in: dir)
        #expect(r.status == 2)
        // What terraform fmt prints for the same file.
        #expect(r.stderr == "\nError: Invalid expression\n\n  on bad.tf line 2:\n   2: \n\nExpected the start of an expression, but found an invalid expression token.\n\n")
        #expect(dir.read("bad.tf") == "a = [1,\n")
    }

    @Test func badPathsExitTwo() {
        let dir = FmtCommandTests.tree()
        let missing = fmt(["-no-color", "nothere"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr == "\nError: No file or directory at nothere\n\n\n")
        let other = fmt(["-no-color", "notes.txt"], in: dir)
        #expect(other.status == 2)
        #expect(other.stderr == "\nError: Only .tf and .tfvars files can be processed with terrace fmt\n\n\n")
        let flag = fmt(["-bogus"], in: dir)
        #expect(flag.status == 1)
    }
}
