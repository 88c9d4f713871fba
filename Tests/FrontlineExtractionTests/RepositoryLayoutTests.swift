import Foundation
import Testing
import FrontlineTestSupport

@Test func repositoryRootHoldsPackageManifest() {
    #expect(FileManager.default.fileExists(atPath: RepositoryPaths.root.appendingPathComponent("Package.swift").path))
}
