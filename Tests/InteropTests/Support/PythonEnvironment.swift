import Foundation

/// The Python interpreter of the interop tests' peers (signalrcore, pysignalr, aiosignalr), with
/// the virtual environment made on first use, so that `swift test` on a fresh clone needs nothing
/// but Swift and `python3`.
///
/// - `PX_VENV`, when set, names a ready virtual environment to use as it is (nothing is installed).
/// - Otherwise the environment lives in the build folder, `.build/interop-venv`, and is created
///   with `python3 -m venv` and filled from `Python/requirements.txt` the first time a test asks.
///   A stamp file holds the requirements it was made from; when they change, it is made again.
///
/// Tests in one process share one preparation (a single flight), and processes share it through
/// an exclusive `flock` on `.build/interop-venv.lock`, so parallel test runs never install into the
/// same folder at once. A failure is a test failure that says what to install, never a skip.
///
/// ```swift
/// let python = try await PythonEnvironment.python()
/// process.executableURL = URL(fileURLWithPath: python)
/// ```
enum PythonEnvironment {
    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// The interpreter's path, once the environment is ready.
    static func python() async throws -> String {
        try await preparation.value
    }

    /// The repository's root, from this file's place in it.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let requirements = repositoryRoot.appendingPathComponent("Tests/InteropTests/Python/requirements.txt")

    /// Started by the first caller; every later caller awaits the same result.
    private static let preparation = Task<String, any Error> {
        // pip runs for a minute on a fresh machine: block a thread of our own for it, never one of
        // Swift concurrency's (two on this kind of machine), which the other tests need.
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try prepare() })
            }
            thread.name = "interop-venv"
            thread.start()
        }
    }

    private static func prepare() throws -> String {
        if let venv = ProcessInfo.processInfo.environment["PX_VENV"], !venv.isEmpty {
            let python = URL(fileURLWithPath: venv).appendingPathComponent("bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw SetupFailure(description: "PX_VENV is \(venv), which has no bin/python. Unset PX_VENV to let the tests make their own environment, or point it at a venv made from Tests/InteropTests/Python/requirements.txt.")
            }
            return python
        }
        let build = repositoryRoot.appendingPathComponent(".build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let venv = build.appendingPathComponent("interop-venv")
        let python = venv.appendingPathComponent("bin/python").path
        let stamp = venv.appendingPathComponent("requirements.stamp")

        let lock = open(build.appendingPathComponent("interop-venv.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw SetupFailure(description: "Could not open \(build.path)/interop-venv.lock (errno \(errno)).") }
        defer { close(lock) }
        guard flock(lock, LOCK_EX) == 0 else { throw SetupFailure(description: "Could not lock \(build.path)/interop-venv.lock (errno \(errno)).") }
        defer { flock(lock, LOCK_UN) }

        let wanted = try Data(contentsOf: requirements)
        if FileManager.default.isExecutableFile(atPath: python), (try? Data(contentsOf: stamp)) == wanted {
            return python
        }
        try? FileManager.default.removeItem(at: venv)
        let log = build.appendingPathComponent("interop-venv.log")
        let created = try run(["/usr/bin/env", "python3", "-m", "venv", venv.path], log: log)
        guard created == 0 else {
            throw SetupFailure(description: """
                `python3 -m venv \(venv.path)` failed (exit \(created)); the interop tests need python3 with its venv module \
                (on Debian and Ubuntu: apt-get install python3-venv). Its output: \(tail(of: log))
                """)
        }
        let installed = try run(
            [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements.path], log: log)
        guard installed == 0 else {
            throw SetupFailure(description: """
                Installing the interop peers into \(venv.path) failed (exit \(installed)): pip needs to reach PyPI once. \
                Its output: \(tail(of: log))
                """)
        }
        try wanted.write(to: stamp)
        return python
    }

    /// Runs `arguments` with output to `log` and returns the exit status.
    private static func run(_ arguments: [String], log: URL) throws -> Int32 {
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw SetupFailure(description: "Could not run \(arguments[0]): \(error). The interop tests need python3 on the PATH.")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func tail(of log: URL) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return String(text.suffix(1_500))
    }
}
