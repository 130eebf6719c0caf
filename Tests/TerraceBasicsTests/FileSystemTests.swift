import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

@Suite struct FileSystemTests {
    @Test func atomicWriteReplacesAndUsesMode0600() throws {
        let dir = TempDirectory()
        let p = dir.file("f.json")
        try FileSystem.writeAtomically(p, "one")
        try FileSystem.writeAtomically(p, "two")
        #expect(try FileSystem.readString(p) == "two")
        let attrs = try FileManager.default.attributesOfItem(atPath: p)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        // No temporary files are left behind.
        #expect(FileSystem.list(dir.path) == ["f.json"])
    }

    @Test func flockExcludesASecondHolder() throws {
        let dir = TempDirectory()
        let a = FileLock(path: dir.file("lock")), b = FileLock(path: dir.file("lock"))
        #expect(try a.tryLock())
        #expect(try !b.tryLock())
        a.unlock()
        #expect(try b.tryLock())
    }
}
