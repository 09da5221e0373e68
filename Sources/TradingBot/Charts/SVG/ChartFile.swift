#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a chart to a file atomically: the text goes to a temporary file in the same folder,
/// which then takes the file's name in one step, so a reader never sees half a chart. An
/// existing file is kept unless `replacing` is set; without it the name is taken with `link`,
/// which refuses atomically if the file appeared meanwhile.
enum ChartFile {
    static func write(_ text: String, to path: String, replacing: Bool) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let destination = url.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder) {
            if isFolder.boolValue { throw .usage("\(path) is a folder; give a file name for the chart, such as \(path)/chart.svg.") }
            if !replacing { throw Self.exists(path) }
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .usage("The folder \(folder) does not exist; create it or give another path for the chart.")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw .usage("Could not write the chart in \(folder) (\(Self.reason(error))); check the folder's permissions or give another path.")
        }
        defer { unlink(temporary) }
        if replacing {
            guard rename(temporary, destination) == 0 else { throw Self.failure(path) }
        } else if link(temporary, destination) != 0 {
            let code = errno
            if code == EEXIST { throw Self.exists(path) }
            // Some file systems have no hard links: fall back to a checked rename.
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP,
                  !FileManager.default.fileExists(atPath: destination), rename(temporary, destination) == 0
            else { throw Self.failure(path) }
        }
    }

    private static func exists(_ path: String) -> CLIError {
        .usage("\(path) already exists; give --force to replace it, or another file name.")
    }

    private static func failure(_ path: String) -> CLIError {
        .usage("Could not write the chart to \(path) (\(String(cString: strerror(errno)))); check the path and its permissions.")
    }

    private static func reason(_ error: any Error) -> String {
        ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? (error as NSError).localizedDescription
    }
}
