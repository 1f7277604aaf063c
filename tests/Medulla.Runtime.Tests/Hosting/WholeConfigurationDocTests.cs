using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Medulla.Devices;
using Medulla.Firmware;
using Medulla.Heart;
using Medulla.Logging;
using Medulla.Pstore;
using Medulla.SystemLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime.Tests.Hosting;

/// <summary>
/// The whole device configuration shown in README.md ("Your device's configuration") and docs/runtime.md
/// ("The whole device configuration"): the same in both, bound and validated by <c>AddMedulla()</c> as a
/// device would at start, and made of keys the code reads. The binders ignore a key they do not know (a
/// misspelled section or key would be silently left at its default), so the keys are compared by reflection
/// with the properties of the classes the sections are bound into.
/// </summary>
[Collection(nameof(PmsgGateUsers))]
public sealed class WholeConfigurationDocTests : IDisposable
{
    /// <summary>The HTML comment that names a block as the whole device configuration; the next ```json block is it.</summary>
    private const string Marker = "<!-- whole-device-configuration:";

    [Fact]
    public void The_README_and_docs_runtime_show_the_same_configuration()
    {
        JsonNode readme = Block("README.md");
        JsonNode runtime = Block(Path.Combine("docs", "runtime.md"));

        Assert.True(JsonNode.DeepEquals(readme, runtime),
            $"README.md:\n{readme.ToJsonString()}\ndocs/runtime.md:\n{runtime.ToJsonString()}");
    }

    [Fact]
    public void The_configuration_has_every_section_AddMedulla_reads_and_only_keys_the_code_binds()
    {
        foreach (string file in new[] { "README.md", Path.Combine("docs", "runtime.md") })
        {
            JsonNode config = Block(file);

            List<string> errors = UnknownKeys(config);

            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
            string[] sections = [.. config["Medulla"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
            Assert.Equal(Sections.Keys.Order(StringComparer.Ordinal), sections);
        }
    }

    [Theory]
    [InlineData("\"DataPartition\":", "\"DataPartion\":", "Medulla:DataPartion")]
    [InlineData("\"FileSystemType\":", "\"FileSytemType\":", "Medulla:DataPartition:FileSytemType")]
    [InlineData("\"MaxFiles\":", "\"MaxFile\":", "Medulla:Logging:Handlers:file:MaxFile")]
    [InlineData("\"Start\":", "\"Begin\":", "Medulla:SystemLog:Kmsg:Begin")]
    public void A_misspelled_key_is_reported_although_the_binders_ignore_it(string key, string misspelled, string reported)
    {
        string text = BlockText("README.md");
        Assert.Contains(key, text, StringComparison.Ordinal);
        JsonNode config = JsonNode.Parse(text.Replace(key, misspelled, StringComparison.Ordinal))!;

        using ServiceProvider services = Build(config);
        services.GetRequiredService<IStartupValidator>().Validate();   // the binders accept it
        List<string> errors = UnknownKeys(config);

        Assert.Contains(errors, e => e.StartsWith(reported + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void The_configuration_binds_and_validates_with_AddMedulla()
    {
        JsonNode config = Block("README.md");

        // Never a started host: that would mount the data partition, run the heart and so on.
        using ServiceProvider services = Build(config);

        // Every options class registered with ValidateOnStart (the logging section's start check included)
        // is bound and validated as host start would; a bad value throws OptionsValidationException naming the key.
        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("uboot", services.GetRequiredService<IOptions<FirmwareOptions>>().Value.Backend);
        Assert.Equal("/dev/mmcblk0p4", services.GetRequiredService<IOptions<DataPartitionOptions>>().Value.Device);
        Assert.Equal("/data/pstore", services.GetRequiredService<IOptions<PstoreArchiveOptions>>().Value.ArchiveDirectory);
        Assert.Equal("/dev/log", services.GetRequiredService<IOptions<SystemLogOptions>>().Value.Syslog.SocketPath);
        Assert.Equal("/sbin/modprobe", services.GetRequiredService<IOptions<DevicesOptions>>().Value.ModprobePath);
        Assert.Equal(TimeSpan.FromSeconds(60), services.GetRequiredService<IOptions<MedullaHeartOptions>>().Value.HeartbeatTimeout);
        Assert.Equal("/usr/bin/medulla-heart", services.GetRequiredService<IOptions<MedullaHeartOptions>>().Value.DaemonPath);
        Assert.Equal("60s", services.GetRequiredService<IOptions<PowerOptions>>().Value.HardTimeout);
        Assert.Equal(4, services.GetRequiredService<IOptions<SerialOptions>>().Value.SourceList().Count);
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<IOptions<AssistedValidationOptions>>().Value.TimeoutValue());
    }

    [Fact]
    public void A_bad_value_in_the_configuration_stops_the_host_naming_the_key()
    {
        JsonNode config = Block("README.md");
        config["Medulla"]!["DataPartition"]!["FileSystemType"] = "ntfs";

        using ServiceProvider services = Build(config);
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Medulla:DataPartition:FileSystemType: 'ntfs'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The services of a host with the configuration and <c>AddMedulla()</c>, as a service provider: not
    /// <c>HostApplicationBuilder.Build()</c>, which already creates the logging pipeline and so opens the
    /// configured sinks (/dev/pmsg0, /data/logs/app.log) on this machine.
    /// </summary>
    private static ServiceProvider Build(JsonNode config)
    {
        // DisableDefaults: only the document's JSON, no appsettings.json or Medulla__ variables of this machine.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(config.ToJsonString()));
        builder.Configuration.AddJsonStream(json);
        builder.Services.AddMedulla();
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    // ---- the documents ----

    private static JsonNode Block(string file) => JsonNode.Parse(BlockText(file))!;

    /// <summary>The ```json block after the one marker in <paramref name="file"/> (relative to the repository root).</summary>
    private static string BlockText(string file)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), file));
        int[] markers = [.. Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith(Marker, StringComparison.Ordinal))];
        Assert.True(markers.Length == 1, $"{file}: expected one '{Marker}' line, found {markers.Length}");
        int open = Array.FindIndex(lines, markers[0] + 1, l => l.Trim().Length > 0);
        Assert.True(open >= 0 && lines[open].Trim() == "```json", $"{file}: the marker is not followed by a ```json block");
        int close = Array.FindIndex(lines, open + 1, l => l.Trim() == "```");
        Assert.True(close > open, $"{file}: the ```json block after the marker is not closed");
        return string.Join('\n', lines[(open + 1)..close]);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Medulla.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Medulla.slnx above {AppContext.BaseDirectory}");
    }

    // ---- the keys the code binds ----

    /// <summary>Each section under Medulla that AddMedulla() reads, and the class it is bound into.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging"] = Internal(typeof(LogSystem), "Medulla.Logging.LoggingSection"),
        [Name(FirmwareOptions.SectionPath)] = typeof(FirmwareOptions),
        [Name(DataPartitionOptions.SectionPath)] = typeof(DataPartitionOptions),
        [Name(PstoreArchiveOptions.SectionPath)] = typeof(PstoreArchiveOptions),
        [Name(SystemLogOptions.SectionPath)] = Internal(typeof(SystemLogOptions), "Medulla.SystemLog.SystemLogOptionsSection"),
        [Name(DevicesOptions.SectionPath)] = typeof(DevicesOptions),
        [Name(MedullaHeartOptions.SectionPath)] = Internal(typeof(MedullaHeartOptions), "Medulla.Heart.MedullaHeartOptionsSection"),
        [Name(PowerOptions.SectionPath)] = typeof(PowerOptions),
        [Name(SerialOptions.SectionPath)] = typeof(SerialOptions),
        [Name(AssistedValidationOptions.SectionPath)] = typeof(AssistedValidationOptions),
    };

    /// <summary>A handler's keys besides the common ones, by handler type (read from the handler's section by the type's reader).</summary>
    private static readonly Dictionary<string, Type> HandlerTypeKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["console"] = Internal(typeof(LogSystem), "Medulla.Logging.ConsoleHandlerSection"),
        ["file"] = Internal(typeof(LogSystem), "Medulla.Logging.FileHandlerSection"),
        ["pmsg"] = Internal(typeof(PmsgWriteGate), "Medulla.Pstore.PmsgHandlerSection"),
    };

    /// <summary>A formatter's keys besides Type, by formatter type (json has none).</summary>
    private static readonly Dictionary<string, Type?> FormatterTypeKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["template"] = Internal(typeof(LogSystem), "Medulla.Logging.TemplateFormatterSection"),
        ["rfc5424"] = Internal(typeof(LogSystem), "Medulla.Logging.Rfc5424FormatterSection"),
        ["json"] = null,
        ["pmsg"] = Internal(typeof(PmsgWriteGate), "Medulla.Pstore.PmsgFormatterSection"),
    };

    private static string Name(string sectionPath) => sectionPath["Medulla:".Length..];

    private static Type Internal(Type inAssemblyOf, string name) =>
        inAssemblyOf.Assembly.GetType(name, throwOnError: true)!;

    /// <summary>Every key of <paramref name="config"/> that no class the configuration is bound into has, as "full:key: why".</summary>
    private static List<string> UnknownKeys(JsonNode config)
    {
        var errors = new List<string>();
        JsonObject root = config.AsObject();
        foreach ((string key, JsonNode? value) in root)
        {
            if (!key.Equals("Medulla", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{key}: not the Medulla section");
            }
        }
        if (root["Medulla"] is not JsonObject medulla)
        {
            errors.Add("Medulla: missing");
            return errors;
        }
        foreach ((string name, JsonNode? section) in medulla)
        {
            string path = $"Medulla:{name}";
            if (!Sections.TryGetValue(name, out Type? type))
            {
                errors.Add($"{path}: not a section AddMedulla() reads ({string.Join(", ", Sections.Keys)})");
            }
            else
            {
                CheckObject(section, [type], path, errors);
            }
        }
        return errors;
    }

    private static void CheckObject(JsonNode? node, Type[] types, string path, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{path}: expected an object for {string.Join(" + ", types.Select(t => t.Name))}");
            return;
        }
        foreach ((string key, JsonNode? value) in obj)
        {
            string keyPath = $"{path}:{key}";
            PropertyInfo? property = types
                .Select(t => t.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase))
                .FirstOrDefault(p => p is not null);
            if (property is null)
            {
                errors.Add($"{keyPath}: not a key of {string.Join(" + ", types.Select(t => t.Name))}");
                continue;
            }
            CheckValue(value, property.PropertyType, keyPath, errors);
        }
    }

    private static void CheckValue(JsonNode? value, Type type, string path, List<string> errors)
    {
        if (IsScalar(type))
        {
            if (value is JsonObject or JsonArray)
            {
                errors.Add($"{path}: expected a value, not a section");
            }
            return;
        }
        if (DictionaryValueType(type) is { } itemType)
        {
            // Names are free (categories, handler ids, environment variables); a scalar item type takes any
            // tree (the firmware's Values joins nested names with '.'), a section item type is checked inside.
            if (IsScalar(itemType))
            {
                return;
            }
            foreach ((string name, JsonNode? item) in Children(value))
            {
                CheckItem(item, itemType, $"{path}:{name}", name, errors);
            }
            return;
        }
        if (type.Name == "FormatterSection")
        {
            // Handled with its handler, whose type decides the formatter's default type.
            return;
        }
        CheckObject(value, [type], path, errors);
    }

    private static void CheckItem(JsonNode? item, Type itemType, string path, string name, List<string> errors)
    {
        if (itemType.Name != "HandlerSection")
        {
            CheckObject(item, [itemType], path, errors);
            return;
        }
        // A handler: the common keys and its type's own; its formatter: Type and that formatter type's keys.
        string handlerType = (string?)item?["Type"] ?? name;
        if (!HandlerTypeKeys.TryGetValue(handlerType, out Type? handlerKeys))
        {
            errors.Add($"{path}:Type: '{handlerType}' is not a handler type ({string.Join(", ", HandlerTypeKeys.Keys)})");
            return;
        }
        CheckObject(item, [itemType, handlerKeys], path, errors);
        if (item is JsonObject handler && handler.FirstOrDefault(p => p.Key.Equals("Formatter", StringComparison.OrdinalIgnoreCase)).Value is { } formatter)
        {
            string formatterType = (string?)formatter["Type"] ?? (handlerType.Equals("pmsg", StringComparison.OrdinalIgnoreCase) ? "pmsg" : "template");
            if (!FormatterTypeKeys.TryGetValue(formatterType, out Type? formatterKeys))
            {
                errors.Add($"{path}:Formatter:Type: '{formatterType}' is not a formatter type ({string.Join(", ", FormatterTypeKeys.Keys)})");
                return;
            }
            Type formatterSection = itemType.GetProperty("Formatter")!.PropertyType;
            CheckObject(formatter, formatterKeys is null ? [formatterSection] : [formatterSection, formatterKeys], $"{path}:Formatter", errors);
        }
    }

    private static IEnumerable<(string Name, JsonNode? Item)> Children(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => (p.Key, p.Value)),
        // The configuration's JSON provider names array items by their index.
        JsonArray array => array.Select((item, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), item)),
        _ => [],
    };

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
        || Nullable.GetUnderlyingType(type) is not null;

    private static Type? DictionaryValueType(Type type)
    {
        Type? dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }

    public void Dispose() => PmsgWriteGate.Open();
}
