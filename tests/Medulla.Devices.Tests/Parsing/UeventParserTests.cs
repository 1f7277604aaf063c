using Medulla.Devices.Tests.Support;

namespace Medulla.Devices.Tests.Parsing;

/// <summary>The uevent parser on real captures from this machine's kernel and on crafted datagrams.</summary>
public sealed class UeventParserTests
{
    [Fact]
    public void A_captured_null_add_gives_every_field_the_kernel_sent()
    {
        UeventParseResult result = UeventParser.Parse(Fixture.Bytes("null-add.bin"));

        Assert.Equal(UeventParseOutcome.Parsed, result.Outcome);
        DeviceEvent e = result.Event!;
        Assert.Equal(DeviceAction.Add, e.Action);
        Assert.Equal("/devices/virtual/mem/null", e.DevPath);
        Assert.Equal("mem", e.Subsystem);
        Assert.Equal("null", e.DevName);
        Assert.Equal("1", e.Get("MAJOR"));
        Assert.Equal("3", e.Get("MINOR"));
        Assert.Equal("0666", e.Get("DEVMODE"));
        Assert.Equal(974UL, e.SequenceNumber);
        Assert.Equal(DeviceEventSource.Kernel, e.Source);
        Assert.Equal(["ACTION", "DEVMODE", "DEVNAME", "DEVPATH", "MAJOR", "MINOR", "SEQNUM", "SUBSYSTEM", "SYNTH_UUID"], e.Properties.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_captured_loop_detach_media_change_keeps_DISK_MEDIA_CHANGE()
    {
        DeviceEvent e = UeventParser.Parse(Fixture.Bytes("loop0-detach-media-change.bin")).Event!;

        Assert.Equal(DeviceAction.Change, e.Action);
        Assert.Equal("/devices/virtual/block/loop0", e.DevPath);
        Assert.Equal("block", e.Subsystem);
        Assert.Equal("loop0", e.DevName);
        Assert.Equal("disk", e.Get("DEVTYPE"));
        Assert.Equal("1", e.Get("DISK_MEDIA_CHANGE"));
    }

    [Fact]
    public void A_captured_pci_change_carries_its_MODALIAS()
    {
        DeviceEvent e = UeventParser.Parse(Fixture.Bytes("pci-change.bin")).Event!;

        Assert.Equal("pci", e.Subsystem);
        Assert.StartsWith("pci:v", e.Get("MODALIAS"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_capture_parses(string name)
    {
        Assert.Equal(UeventParseOutcome.Parsed, UeventParser.Parse(Fixture.Bytes(name)).Outcome);
    }

    public static TheoryData<string> FixtureNames() => [.. Fixture.Names];

    [Fact]
    public void A_udev_datagram_is_recognised_and_skipped()
    {
        byte[] udev = [.. "libudev\0"u8, 0xfe, 0xed, 0xca, 0xfe, 40, 0, 0, 0, 1, 2, 3];

        UeventParseResult result = UeventParser.Parse(udev);

        Assert.Equal(UeventParseOutcome.Udev, result.Outcome);
        Assert.Null(result.Event);
    }

    [Fact]
    public void The_last_field_may_end_without_a_NUL()
    {
        byte[] bytes = Fixture.Uevent("remove", "/devices/virtual/mem/null", "SUBSYSTEM=mem", "SEQNUM=7");

        UeventParseResult result = UeventParser.Parse(bytes.AsSpan(0, bytes.Length - 1));

        Assert.Equal(DeviceAction.Remove, result.Event!.Action);
        Assert.Equal(7UL, result.Event.SequenceNumber);
    }

    [Fact]
    public void A_move_gives_the_old_path()
    {
        DeviceEvent e = UeventParser.Parse(Fixture.Uevent("move", "/devices/virtual/net/eth1", "SUBSYSTEM=net", "DEVPATH_OLD=/devices/virtual/net/eth0", "SEQNUM=9")).Event!;

        Assert.Equal(DeviceAction.Move, e.Action);
        Assert.Equal("/devices/virtual/net/eth0", e.DevPathOld);
    }

    [Theory]
    [InlineData("", "empty datagram")]
    [InlineData("add@/devices/x", "no NUL after the ACTION@DEVPATH header")]
    [InlineData("add/devices/x\0ACTION=add\0", "header is not ACTION@DEVPATH")]
    [InlineData("fly@/devices/x\0ACTION=fly\0DEVPATH=/devices/x\0SEQNUM=1\0", "unknown action 'fly'")]
    [InlineData("add@devices\0ACTION=add\0DEVPATH=devices\0SEQNUM=1\0", "DEVPATH 'devices' in the header is not an absolute path")]
    [InlineData("add@/devices/x\0ACTION=remove\0DEVPATH=/devices/x\0SEQNUM=1\0", "ACTION field 'remove' differs from the header's 'add'")]
    [InlineData("add@/devices/x\0DEVPATH=/devices/x\0SEQNUM=1\0", "ACTION field '(missing)' differs from the header's 'add'")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/y\0SEQNUM=1\0", "DEVPATH field '/devices/y' differs from the header's '/devices/x'")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0", "SEQNUM '(missing)' is not a number")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0SEQNUM=-1\0", "SEQNUM '-1' is not a number")]
    [InlineData("add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0SEQNUM=99999999999999999999\0", "SEQNUM '99999999999999999999' is not a number")]
    [InlineData("add@/devices/x\0ACTION=add\0NOEQUALS\0", "field 'NOEQUALS' is not KEY=VALUE")]
    [InlineData("add@/devices/x\0ACTION=add\0=value\0", "field '=value' is not KEY=VALUE")]
    [InlineData("add@/devices/x\0ACTION=add\0\0DEVPATH=/devices/x\0", "empty field")]
    [InlineData("add@/devices/x\0ACTION=add\0ACTION=add\0", "key ACTION repeated")]
    public void Malformed_input_is_rejected_with_the_reason(string text, string reason)
    {
        UeventParseResult result = UeventParser.Parse(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(UeventParseOutcome.Malformed, result.Outcome);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Event);
    }

    [Fact]
    public void Control_characters_in_a_reason_are_escaped()
    {
        UeventParseResult result = UeventParser.Parse("a\u0001b@/x\0"u8);

        Assert.Equal("unknown action 'a\\x01b'", result.Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_kept_as_replacement_characters()
    {
        byte[] bytes = [.. "add@/devices/x\0ACTION=add\0DEVPATH=/devices/x\0SEQNUM=1\0NAME="u8, 0xff, 0xfe, 0];

        DeviceEvent e = UeventParser.Parse(bytes).Event!;

        Assert.Equal("\uFFFD\uFFFD", e.Get("NAME"));
    }
}
