using Microsoft.Extensions.Configuration;

namespace Medulla.SystemLog;

/// <summary>
/// Settings of the system log services (<see cref="SystemLogServiceCollectionExtensions.AddMedullaSystemLog"/>),
/// read from the <c>Medulla:SystemLog</c> section:
/// <c>{"Kmsg": {"Enabled": true, "Start": "beginning"}, "Syslog": {"Enabled": true, "SocketPath": "/dev/log"}}</c>.
/// </summary>
public sealed class SystemLogOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:SystemLog";

    /// <summary>The kernel log reader.</summary>
    public KmsgOptions Kmsg { get; } = new();

    /// <summary>The /dev/log server.</summary>
    public SyslogOptions Syslog { get; } = new();

    /// <summary>
    /// Reads the options from the <c>Medulla:SystemLog</c> section of <paramref name="configuration"/> (null
    /// leaves the defaults), for use without a host; <see cref="SystemLogServiceCollectionExtensions.AddMedullaSystemLog"/>
    /// does the same and checks the result at host start.
    /// </summary>
    /// <exception cref="SystemLogConfigurationException">A value is not allowed; the message names the key.</exception>
    public static SystemLogOptions FromConfiguration(IConfiguration? configuration)
    {
        var section = new SystemLogOptionsSection();
        SystemLogOptionsSection.Bind(configuration, section);
        var options = new SystemLogOptions();
        List<string> errors = section.ApplyTo(options);
        if (errors.Count > 0)
        {
            throw new SystemLogConfigurationException(string.Join("; ", errors));
        }
        options.Validate();
        return options;
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="SystemLogConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Kmsg.Path))
        {
            throw new SystemLogConfigurationException($"{SectionPath}:Kmsg:Path is empty; give the kernel log device, e.g. {KmsgReader.DefaultPath}");
        }
        if (!Enum.IsDefined(Kmsg.Start))
        {
            throw new SystemLogConfigurationException($"{SectionPath}:Kmsg:Start is {(int)Kmsg.Start}; allowed values: beginning, end");
        }
        try
        {
            Syslog.ToServerOptions().Validate();
        }
        catch (ArgumentException ex)
        {
            throw new SystemLogConfigurationException($"{SectionPath}:Syslog:{ex.Message}", ex);
        }
    }
}

/// <summary>The <c>Medulla:SystemLog:Kmsg</c> keys.</summary>
public sealed class KmsgOptions
{
    /// <summary>Whether to read the kernel log into the application's log (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The kernel log device (default /dev/kmsg).</summary>
    public string Path { get; set; } = KmsgReader.DefaultPath;

    /// <summary><see cref="KmsgStart.Beginning"/> (default: every record still in the ring, the boot messages included) or <see cref="KmsgStart.End"/> (only new ones).</summary>
    public KmsgStart Start { get; set; } = KmsgStart.Beginning;
}

/// <summary>The <c>Medulla:SystemLog:Syslog</c> keys.</summary>
public sealed class SyslogOptions
{
    /// <summary>Whether to serve the syslog socket (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The socket path (default /dev/log).</summary>
    public string SocketPath { get; set; } = SyslogServerOptions.DefaultSocketPath;

    /// <summary>The socket receive buffer to ask for, in bytes (default 4 MiB).</summary>
    public int ReceiveBufferBytes { get; set; } = new SyslogServerOptions().ReceiveBufferBytes;

    internal SyslogServerOptions ToServerOptions() => new()
    {
        SocketPath = SocketPath,
        ReceiveBufferBytes = ReceiveBufferBytes,
    };
}

/// <summary>The <c>Medulla:SystemLog</c> configuration has a value that is not allowed; the message names the key.</summary>
public sealed class SystemLogConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SystemLogConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public SystemLogConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
