using Microsoft.Extensions.Configuration;

namespace Medulla.Firmware.Tests.Kv;

public sealed class MemoryKvBackendTests
{
    [Fact]
    public void Seeded_from_configuration_with_flat_and_nested_slot_keys()
    {
        // given a Medulla:Firmware:Values section with a flat slot key and a nested slot section
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:Firmware:Values:nerves_fw_active"] = "a",
            ["Medulla:Firmware:Values:a.nerves_fw_version"] = "1.0.0",
            ["Medulla:Firmware:Values:b:nerves_fw_version"] = "0.9.0",
            ["Medulla:Firmware:Values:nerves_serial_number"] = "ABC123",
        }).Build();

        // when the backend is made from it
        var kv = new KvStore(MemoryKvBackend.FromConfiguration(configuration.GetSection("Medulla:Firmware:Values")));

        // then nested paths became dotted names
        Assert.Equal(new Dictionary<string, string>
        {
            ["a.nerves_fw_version"] = "1.0.0",
            ["b.nerves_fw_version"] = "0.9.0",
            ["nerves_fw_active"] = "a",
            ["nerves_serial_number"] = "ABC123",
        }, kv.GetAll());
        Assert.Equal("1.0.0", kv.GetActive("nerves_fw_version"));
    }

    [Fact]
    public void Writes_are_kept_for_the_life_of_the_backend()
    {
        var backend = new MemoryKvBackend([new("a", "1")]);
        new KvStore(backend).Put("b", "2");

        Assert.Equal(2, new KvStore(backend).GetAll().Count);
    }

    [Fact]
    public void A_seed_U_Boot_could_not_store_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new MemoryKvBackend([new("a=b", "1")]));
    }

    [Fact]
    public void An_empty_section_is_an_empty_store()
    {
        IConfiguration configuration = new ConfigurationBuilder().Build();

        Assert.Empty(new KvStore(MemoryKvBackend.FromConfiguration(configuration.GetSection("Nothing"))).GetAll());
    }
}
