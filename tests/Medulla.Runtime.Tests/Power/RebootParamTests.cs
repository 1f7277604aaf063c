using Medulla.Runtime;

namespace Medulla.Runtime.Tests.Power;

public class RebootParamTests
{
    [Fact]
    public void The_argument_is_written_as_given()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reboot-param");

        RebootParam.Write(path, "0 tryboot");

        Assert.Equal("0 tryboot", File.ReadAllText(path));
    }

    [Fact]
    public void No_argument_removes_one_left_from_before()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reboot-param");
        File.WriteAllText(path, "recovery");

        RebootParam.Write(path, null);

        Assert.False(File.Exists(path));
    }
}
