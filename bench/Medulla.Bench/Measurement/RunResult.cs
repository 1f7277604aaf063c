using System.Text.Json.Serialization;

namespace Medulla.Bench.Measurement;

/// <summary>What one child process measured for one (library, scenario, config); one JSON line.</summary>
internal sealed record RunResult
{
    public required string Library { get; init; }
    public required string Scenario { get; init; }
    public required string Config { get; init; }
    public string? Description { get; init; }
    public int Threads { get; init; }

    /// <summary>Events logged (scenarios a, c) or calls made (scenario b).</summary>
    public long Events { get; init; }

    /// <summary>From the first call until everything was flushed and the logger disposed (a, c); the call loop (b).</summary>
    public double ElapsedMs { get; init; }
    public double EventsPerSecond { get; init; }

    /// <summary>From the first call until every logging thread had returned from its last call (a, c).</summary>
    public double? CallersDoneMs { get; init; }

    public long? EventLines { get; init; }
    public long? OtherLines { get; init; }
    public long? Dropped { get; init; }
    public long? FileBytes { get; init; }

    /// <summary>Bytes allocated by the logging threads themselves, per event.</summary>
    public double? CallerBytesPerEvent { get; init; }

    /// <summary>Bytes allocated by the whole process (background writers included) from first event to disposal, per event.</summary>
    public double? ProcessBytesPerEvent { get; init; }

    public double? NsPerCall { get; init; }
    public double? BytesPerCall { get; init; }

    public long IdleResidentBytes { get; init; }
    public long PeakResidentBytes { get; init; }
    public long PeakAboveIdleBytes { get; init; }

    /// <summary>Whether the peak was reset after warm-up (otherwise warm-up counts towards it).</summary>
    public bool PeakWasReset { get; init; }

    public int Gen0Collections { get; init; }
    public int Gen1Collections { get; init; }
    public int Gen2Collections { get; init; }

    public string? SampleLine { get; init; }
    public string? SampleOtherLine { get; init; }

    /// <summary>Warm-up passes the child ran before the JIT was quiet (see ScenarioRunner).</summary>
    public int WarmupPasses { get; init; }

    /// <summary>CPU time of the child process from start to the end of the measurement.</summary>
    public double ChildCpuMs { get; init; }

    /// <summary>Set by the parent: cores' worth of CPU other processes used while the child ran (the machine is shared).</summary>
    public double? ForeignCpuCores { get; init; }

    /// <summary>Set by the parent: which round, and the position within the round.</summary>
    public int Round { get; init; }
    public int Position { get; init; }

    public string? Error { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(List<RunResult>))]
[JsonSerializable(typeof(List<Medulla.Bench.Scenarios.ProbeStage>))]
internal sealed partial class ResultJson : JsonSerializerContext;
