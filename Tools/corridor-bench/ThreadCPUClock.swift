#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU time the calling thread spends, for single-core figures: on this shared 2-core machine wall-clock rounds
/// measure other people's builds too, while the thread's own CPU clock stops when it is preempted. Figures timed
/// with it are "best of N rounds" of the thread's CPU time.
enum ThreadCPUClock {
    /// The CPU time this thread spent in `body`, in seconds.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
}
