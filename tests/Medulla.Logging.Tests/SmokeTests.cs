using Medulla.Logging;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests;

public class SmokeTests
{
    [Fact]
    public async Task An_info_event_reaches_the_handler_with_its_interpolated_values()
    {
        using var system = new LogSystem();
        var sink = new MemorySink();
        system.AddHandler(new HandlerConfig { Id = "mem", Sink = () => sink });
        CategoryLogger log = system.GetLogger("Smoke");
        int answer = 42;

        log.Log(Level.Info, $"the answer is {answer}");

        await sink.WaitForCount(1);
        Assert.Contains("the answer is 42", sink.Records[0]);
    }
}
