using Medulla.Logging;
using Microsoft.Extensions.Logging;
using NLog.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace Medulla.Bench.Targets;

/// <summary>How an application calls <see cref="ILogger"/>.</summary>
internal enum ILoggerCall
{
    /// <summary>A <c>LoggerMessage.Define&lt;int, string, double&gt;</c> delegate.</summary>
    Define,
    /// <summary>A <c>[LoggerMessage]</c> source-generated method.</summary>
    Generated,
    /// <summary><c>LogInformation(template, orderId, customer, elapsed)</c> (a params array per call).</summary>
    Template,
}

/// <summary>
/// A library behind Microsoft.Extensions.Logging: the same library set-up as its own target (Medulla's
/// default, Serilog's and NLog's lossless ones, MEL's console), with the application calling
/// <see cref="ILogger"/> in one of three shapes. The factory's minimum level is Information (Warning for
/// the filtered-call scenario), as an application's <c>Logging:LogLevel:Default</c> would set it.
/// </summary>
internal sealed partial class ILoggerTarget(string provider, ILoggerCall call) : IBenchTarget
{
    private static readonly Action<ILogger, int, string, double, Exception?> Processed =
        LoggerMessage.Define<int, string, double>(LogLevel.Information, new EventId(1, "Processed"), BenchEvent.Template);

    private IBenchTarget? _inner;
    private ILoggerFactory? _factory;
    private ILogger? _log;

    public long? Dropped { get; private set; }

    public string Description => provider switch
    {
        "medulla" => "LoggerFactory + MedullaLoggerProvider over the `medulla` set-up",
        "serilog" => "LoggerFactory + Serilog.Extensions.Logging (AddSerilog) over the `serilog-lossless` set-up",
        "nlog" => "LoggerFactory + NLog.Extensions.Logging (NLogLoggerProvider) over the `nlog-lossless` set-up",
        _ => "the `mel-console` set-up",
    } + call switch
    {
        ILoggerCall.Define => "; LoggerMessage.Define<int, string, double>",
        ILoggerCall.Generated => "; [LoggerMessage] method",
        _ => "; LogInformation(template, orderId, customer, elapsed)",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = BenchEvent.Template)]
    private static partial void LogProcessed(ILogger logger, int orderId, string customer, double elapsed);

    public void Open(string directory, bool infoEnabled, int threads)
    {
        LogLevel min = infoEnabled ? LogLevel.Information : LogLevel.Warning;
        switch (provider)
        {
            case "medulla":
                var medulla = (MedullaTarget)TargetCatalog.Create("medulla", "default");
                _inner = medulla;
                medulla.Open(directory, infoEnabled, threads);
                _factory = LoggerFactory.Create(b => b.SetMinimumLevel(min).AddProvider(new MedullaLoggerProvider(medulla.System)));
                break;
            case "serilog":
                var serilog = new SerilogTarget(lossless: true);
                _inner = serilog;
                serilog.Open(directory, infoEnabled, threads);
                _factory = LoggerFactory.Create(b => b.SetMinimumLevel(min).AddProvider(new SerilogLoggerProvider(serilog.Root, dispose: false)));
                break;
            case "nlog":
                var nlog = new NLogTarget(lossless: true);
                _inner = nlog;
                nlog.Open(directory, infoEnabled, threads);
                _factory = LoggerFactory.Create(b => b.SetMinimumLevel(min).AddProvider(new NLogLoggerProvider(new NLogProviderOptions(), nlog.Factory)));
                break;
            case "mel-console":
                var console = new MelConsoleTarget();
                _inner = console;
                console.Open(directory, infoEnabled, threads);
                _log = console.Logger;
                return;
            default:
                throw new ArgumentException($"unknown ILogger provider '{provider}'");
        }
        _log = _factory.CreateLogger(BenchEvent.Category);
    }

    public void Log(long first, int count) => Calls(_log!, first, first + count);

    public void LogDisabled(long count) => Calls(_log!, 0, count);

    private void Calls(ILogger log, long first, long end)
    {
        switch (call)
        {
            case ILoggerCall.Define:
                for (long i = first; i < end; i++)
                {
                    Processed(log, BenchEvent.OrderId(i), BenchEvent.Customer(i), BenchEvent.Elapsed(i), null);
                }
                break;
            case ILoggerCall.Generated:
                for (long i = first; i < end; i++)
                {
                    LogProcessed(log, BenchEvent.OrderId(i), BenchEvent.Customer(i), BenchEvent.Elapsed(i));
                }
                break;
            default:
                for (long i = first; i < end; i++)
                {
                    log.LogInformation(BenchEvent.Template, BenchEvent.OrderId(i), BenchEvent.Customer(i), BenchEvent.Elapsed(i));
                }
                break;
        }
    }

    public void Dispose()
    {
        // The factory only wraps the library; the library's own disposal writes out what is queued.
        _factory?.Dispose();
        _inner!.Dispose();
        Dropped = _inner.Dropped;
    }
}
