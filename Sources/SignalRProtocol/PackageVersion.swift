/// This package's version, in one place: the executables' `--version`, the SignalR client's
/// `User-Agent`, and the CHANGELOG's newest heading all say this.
///
/// ```swift
/// print(PackageVersion.current)   // "0.2.0"
/// ```
public enum PackageVersion {
    public static let current = "0.2.0"
}
