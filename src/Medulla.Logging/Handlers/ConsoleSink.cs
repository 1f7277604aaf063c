using Medulla.Linux;

namespace Medulla.Logging;

/// <summary>
/// Writes records as raw UTF-8 bytes to standard output or standard error (no <see cref="TextWriter"/>,
/// no allocation per event), optionally coloured by level with ANSI SGR sequences.
/// </summary>
/// <remarks>
/// Without colours each contiguous block of the batch is one write. With colours the batch is collected
/// into one buffer and written at once (a buffer's worth at a time for very large batches); each record
/// is wrapped in its level's colour, reset before its trailing newline so a terminal's next line starts
/// clean. Colours: emergency and alert bold white on red, critical bold red, error red, warning yellow,
/// notice cyan, info uncoloured, debug grey. A failing write (a closed pipe) throws
/// <see cref="IOException"/>, which removes the handler.
/// </remarks>
public sealed class ConsoleSink : ILogSink
{
    private const int BufferBytes = 64 * 1024;

    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly byte[]? _buffer;
    private int _buffered;
    private bool _disposed;

    /// <summary>Writes to the process's standard output or standard error.</summary>
    /// <param name="options">Stream and colour mode (default: stdout, colours on a terminal).</param>
    public ConsoleSink(ConsoleSinkOptions? options = null)
    {
        options ??= new ConsoleSinkOptions();
        options.Validate();
        bool stderr = options.Stream == ConsoleStream.Stderr;
        _output = stderr ? Console.OpenStandardError() : Console.OpenStandardOutput();
        _ownsOutput = true;
        UsesColors = options.Colors switch
        {
            ColorMode.Always => true,
            ColorMode.Never => false,
            // no-color.org: a set, non-empty NO_COLOR turns automatic colours off.
            _ => Terminal.IsTerminal(stderr ? 2 : 1) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        };
        _buffer = UsesColors ? new byte[BufferBytes] : null;
    }

    /// <summary>
    /// Writes to <paramref name="output"/>, which stays owned by the caller (it is flushed, not disposed).
    /// <see cref="ColorMode.Auto"/> means no colours here: there is no terminal to ask.
    /// <see cref="ConsoleSinkOptions.Stream"/> is ignored.
    /// </summary>
    /// <param name="output">A writable stream.</param>
    /// <param name="options">Colour mode (default: auto, hence none).</param>
    public ConsoleSink(Stream output, ConsoleSinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ConsoleSinkOptions();
        options.Validate();
        if (!output.CanWrite)
        {
            throw new ArgumentException("console sink: the stream is not writable", nameof(output));
        }
        _output = output;
        UsesColors = options.Colors == ColorMode.Always;
        _buffer = UsesColors ? new byte[BufferBytes] : null;
    }

    /// <summary>Whether records are coloured (decided once, at construction).</summary>
    public bool UsesColors { get; }

    /// <inheritdoc />
    public void Write(in LogBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer is null)
        {
            foreach (ReadOnlySpan<byte> block in batch.Blocks)
            {
                _output.Write(block);
            }
            return;
        }
        foreach (LogRecord record in batch.Records)
        {
            ReadOnlySpan<byte> color = ColorOf(record.Level);
            ReadOnlySpan<byte> bytes = record.Bytes;
            if (color.IsEmpty)
            {
                Append(bytes);
                continue;
            }
            bool newline = !bytes.IsEmpty && bytes[^1] == (byte)'\n';
            Append(color);
            Append(newline ? bytes[..^1] : bytes);
            Append(Reset);
            if (newline)
            {
                Append("\n"u8);
            }
        }
        WriteBuffered();
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (!_disposed)
        {
            _output.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            _output.Flush();
        }
        finally
        {
            if (_ownsOutput)
            {
                _output.Dispose();
            }
        }
    }

    /// <summary>SGR reset: back to the terminal's default attributes.</summary>
    internal static ReadOnlySpan<byte> Reset => "\e[0m"u8;

    /// <summary>The SGR sequence that starts a record of <paramref name="level"/>; empty for uncoloured levels.</summary>
    internal static ReadOnlySpan<byte> ColorOf(Level level) => level switch
    {
        Level.Emergency or Level.Alert => "\e[1;37;41m"u8,
        Level.Critical => "\e[1;31m"u8,
        Level.Error => "\e[31m"u8,
        Level.Warning => "\e[33m"u8,
        Level.Notice => "\e[36m"u8,
        Level.Debug => "\e[90m"u8,
        _ => [],
    };

    private void Append(ReadOnlySpan<byte> bytes)
    {
        byte[] buffer = _buffer!;
        if (bytes.Length > buffer.Length - _buffered)
        {
            WriteBuffered();
            if (bytes.Length > buffer.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(buffer.AsSpan(_buffered));
        _buffered += bytes.Length;
    }

    private void WriteBuffered()
    {
        if (_buffered > 0)
        {
            int count = _buffered;
            _buffered = 0;
            _output.Write(_buffer!, 0, count);
        }
    }
}
