import Foundation

/// Timing and memory helpers: medians over repeated runs, percentiles, resident memory.
enum Harness {
    /// Runs `body` `repetitions` times and returns each run's seconds.
    static func time(repetitions: Int, _ body: () async throws -> Void) async rethrows -> [Double] {
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try await body()
            samples.append(seconds(ContinuousClock.now - start))
        }
        return samples
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, atto) = duration.components
        return Double(s) + Double(atto) / 1e18
    }

    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank]
    }

    static func median(_ samples: [Double]) -> Double { percentile(samples, 50) }

    /// Resident set size of this process in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func format(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    static func report(_ name: String, _ text: String) {
        print("\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(text)")
    }
}

extension Harness {
    /// CPU seconds used by the whole process so far (all threads).
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs a synchronous `body` `repetitions` times; each run's wall-clock and CPU seconds.
    static func timeSyncWithCPU(repetitions: Int, _ body: () throws -> Void) rethrows -> (wall: [Double], cpu: [Double])
    {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<repetitions {
            let cpuStart = processCPUSeconds()
            let start = ContinuousClock.now
            try body()
            wall.append(seconds(ContinuousClock.now - start))
            cpu.append(processCPUSeconds() - cpuStart)
        }
        return (wall, cpu)
    }
}
