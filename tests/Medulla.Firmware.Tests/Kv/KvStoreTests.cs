using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.Kv;

public sealed class KvStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Vars(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    [Fact]
    public void Get_and_GetAll_read_the_backend_once_and_keep_the_variables()
    {
        var backend = new RecordingBackend(Vars("a=1", "b=2"));
        var kv = new KvStore(backend);

        Assert.Equal("1", kv.Get("a"));
        Assert.Null(kv.Get("missing"));
        Assert.Equal(Vars("a=1", "b=2"), kv.GetAll());
        Assert.Equal(1, backend.Loads);
    }

    [Fact]
    public void GetActive_and_GetAllActive_read_the_active_slots_variables_without_the_prefix()
    {
        var kv = new KvStore(new MemoryKvBackend(Vars("nerves_fw_active=b", "a.nerves_fw_version=1.0", "b.nerves_fw_version=2.0", "b.custom=x", "b.=empty-name", "bb.other=no")));

        Assert.Equal("b", kv.ActiveSlot);
        Assert.Equal("2.0", kv.GetActive("nerves_fw_version"));
        Assert.Equal(Vars("custom=x", "nerves_fw_version=2.0"), kv.GetAllActive());
    }

    [Fact]
    public void Without_an_active_slot_GetActive_is_null_and_GetAllActive_empty()
    {
        var kv = new KvStore(new MemoryKvBackend(Vars("a.nerves_fw_version=1.0")));

        Assert.Null(kv.GetActive("nerves_fw_version"));
        Assert.Empty(kv.GetAllActive());
    }

    [Fact]
    public void A_batch_of_changes_is_one_commit_and_a_null_value_deletes()
    {
        var backend = new RecordingBackend(Vars("a=1", "b=2"));
        var kv = new KvStore(backend);

        kv.Put(new Dictionary<string, string?> { ["a"] = null, ["c"] = "3" });

        Assert.Single(backend.Commits);
        Assert.Equal(Vars("b=2", "c=3"), kv.GetAll());
        Assert.Equal(0, backend.Loads);
    }

    [Fact]
    public void Put_of_one_key_sets_or_deletes_it()
    {
        var kv = new KvStore(new MemoryKvBackend(Vars("a=1")));

        kv.Put("b", "2");
        kv.Put("a", null);

        Assert.Equal(Vars("b=2"), kv.GetAll());
    }

    [Fact]
    public void PutActive_writes_the_active_slots_variables()
    {
        var backend = new RecordingBackend(Vars("nerves_fw_active=a"));
        var kv = new KvStore(backend);

        kv.PutActive(new Dictionary<string, string?> { ["nerves_fw_version"] = "1.1", ["custom"] = "y" });

        Assert.Equal(Vars("a.custom=y", "a.nerves_fw_version=1.1", "nerves_fw_active=a"), kv.GetAll());
        Assert.Single(backend.Commits);
    }

    [Fact]
    public void PutActive_without_an_active_slot_is_refused()
    {
        var kv = new KvStore(new MemoryKvBackend());

        var error = Assert.Throws<InvalidOperationException>(() => kv.PutActive("x", "1"));

        Assert.Equal("nerves_fw_active is not set, so there is no active slot to write to", error.Message);
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("a=b", "1")]
    [InlineData("a\0", "1")]
    [InlineData("ok", "bad\0value")]
    public void Names_and_values_that_U_Boot_cannot_store_are_refused_whatever_the_backend(string key, string value)
    {
        var backend = new RecordingBackend();
        var kv = new KvStore(backend);

        Assert.Throws<ArgumentException>(() => kv.Put(key, value));

        Assert.Empty(backend.Commits);
    }

    [Fact]
    public void A_backend_that_cannot_be_read_gives_KvUnavailableException_and_the_next_call_tries_again()
    {
        // given a backend that fails once
        var backend = new RecordingBackend(Vars("a=1")) { FailNext = 1 };
        var kv = new KvStore(backend);

        // when the store is read, it reports the failure with its cause
        var error = Assert.Throws<KvUnavailableException>(() => kv.Get("a"));
        Assert.Equal("the firmware variables cannot be read: device went away", error.Message);
        Assert.IsType<IOException>(error.InnerException);

        // and the next call reads the backend again
        Assert.Equal("1", kv.Get("a"));
        Assert.Equal(2, backend.Loads);
    }

    [Fact]
    public void A_failed_write_forgets_the_kept_variables_so_the_next_read_asks_the_backend()
    {
        var backend = new RecordingBackend(Vars("a=1"));
        var kv = new KvStore(backend);
        Assert.Equal("1", kv.Get("a"));

        backend.FailNext = 1;
        var error = Assert.Throws<KvUnavailableException>(() => kv.Put("a", "2"));
        Assert.StartsWith("the firmware variables cannot be written", error.Message, StringComparison.Ordinal);

        backend.ChangeOutside("a", "changed elsewhere");
        Assert.Equal("changed elsewhere", kv.Get("a"));
    }

    [Fact]
    public void Reload_picks_up_what_another_program_wrote()
    {
        var backend = new RecordingBackend(Vars("a=1"));
        var kv = new KvStore(backend);
        Assert.Equal("1", kv.Get("a"));
        backend.ChangeOutside("a", "2");

        Assert.Equal("1", kv.Get("a"));
        kv.Reload();
        Assert.Equal("2", kv.Get("a"));
    }

    [Fact]
    public void Concurrent_puts_and_gets_are_safe_and_every_put_lands()
    {
        var kv = new KvStore(new MemoryKvBackend());

        Parallel.For(0, 200, i =>
        {
            kv.Put($"k{i}", "v");
            Assert.Equal("v", kv.Get($"k{i}"));
        });

        Assert.Equal(200, kv.GetAll().Count);
    }

    [Fact]
    public void The_U_Boot_backend_reports_a_missing_config_clearly_and_works_once_it_exists()
    {
        // given a store over a fw_env.config that does not exist yet
        string configPath = _dir.File("fw_env.config");
        var kv = new KvStore(UBootEnvBackend.FromConfigFile(configPath, lockPath: null));

        // then calls fail with our exception, naming the file
        var error = Assert.Throws<KvUnavailableException>(() => kv.GetAll());
        Assert.IsType<FileNotFoundException>(error.InnerException);
        Assert.Contains(configPath, error.Message, StringComparison.Ordinal);

        // when the config and a valid image appear
        var image = new EnvImage(_dir, "env", EnvLayout.Redundant, 0x400);
        File.WriteAllBytes(image.ImagePath, new byte[0x800]);
        image.Environment().Replace(Vars("a=1"));
        File.Copy(image.ConfigPath, configPath);

        // then the next call works, and reports the never-written second copy
        Assert.Equal("1", kv.Get("a"));
        Assert.Single(kv.Warnings);

        // and a write repairs it
        kv.Put("b", "2");
        Assert.Empty(kv.Warnings);
        Assert.Equal(Vars("a=1", "b=2"), image.Environment().Read().Variables);
    }

    [Fact]
    public void The_U_Boot_backend_turns_a_corrupt_environment_into_KvUnavailableException()
    {
        var image = new EnvImage(_dir, "bad", EnvLayout.SingleCopy, 0x400);
        File.WriteAllBytes(image.ImagePath, Enumerable.Repeat((byte)0xFF, 0x400).ToArray());
        var kv = new KvStore(new UBootEnvBackend(image.Environment()));

        var error = Assert.Throws<KvUnavailableException>(() => kv.Put("a", "1"));

        Assert.IsType<UBootEnvException>(error.InnerException);
        Assert.Contains("blank", error.Message, StringComparison.Ordinal);
    }
}
