#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The CPU time the bench process has used, for per-operation CPU figures (which move less with the machine's load
/// than rates do).
enum ProcessCPU {
    /// User and system CPU time of the whole process (every thread) so far, in seconds.
    static func seconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc imports the `who` constants as an enum.
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
