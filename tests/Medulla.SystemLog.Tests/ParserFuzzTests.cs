using System.Text;

namespace Medulla.SystemLog.Tests;

/// <summary>
/// Random and mutated inputs: no exception escapes either parser, every input gets an answer (a result or
/// a counted rejection), and the whole run finishes within the test's timeout (no hang).
/// </summary>
public class ParserFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly string[] SyslogSeeds =
    [
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed",
        "<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"App\"][p@1 class=\"high\"] msg",
        "<13>1 - - app - - [x@1 a=\"q\\\"u\\\\o\\]te\"] m",
        "<157>Dec  6 21:16:05 vm mytag[8781]: hello; world",
        "<13>Dec  6 21:16:05 root: hi",
        "<6>plain",
    ];

    private static readonly string[] KmsgSeeds =
    [
        "30,1234,5678901,-;systemd[1]: started\n",
        "6,195,227403,-;acpi: [ASPM]\n SUBSYSTEM=acpi\n DEVICE=+acpi:PNP0A08:00\n",
        "3,7,100,c,caller=T1;text;with;semicolons\n",
    ];

    [Fact(Timeout = 120_000)]
    public async Task Syslog_parser_answers_every_random_and_mutated_input()
    {
        await Task.Run(() =>
        {
            var random = new Random(5424);
            int malformed = 0;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] input = i % 2 == 0 ? RandomBytes(random) : Mutate(random, Encoding.UTF8.GetBytes(SyslogSeeds[random.Next(SyslogSeeds.Length)]));
                SyslogMessage m = SyslogParser.Parse(input, DateTimeOffset.UnixEpoch);
                Assert.NotNull(m.Message);
                if (m.IsMalformed)
                {
                    malformed++;
                    Assert.NotNull(m.Error);
                    Assert.All(m.Message, c => Assert.InRange(c, ' ', '~'));
                }
            }
            // Random bytes almost never form a datagram: the rejections are counted, not thrown.
            Assert.InRange(malformed, Iterations / 3, Iterations);
        });
    }

    [Fact(Timeout = 120_000)]
    public async Task Kmsg_parser_answers_every_random_and_mutated_input()
    {
        await Task.Run(() =>
        {
            var random = new Random(1010);
            int rejected = 0;
            for (int i = 0; i < Iterations; i++)
            {
                byte[] input = i % 2 == 0 ? RandomBytes(random) : Mutate(random, Encoding.UTF8.GetBytes(KmsgSeeds[random.Next(KmsgSeeds.Length)]));
                if (KmsgParser.TryParse(input, out KmsgRecord? r, out string? error))
                {
                    Assert.NotNull(r.Message);
                }
                else
                {
                    rejected++;
                    Assert.NotNull(error);
                }
            }
            Assert.InRange(rejected, Iterations / 3, Iterations);
        });
    }

    [Fact]
    public void Sixty_four_kib_of_structured_data_openers_is_rejected_not_hung()
    {
        byte[] input = Encoding.ASCII.GetBytes("<13>1 - - a - - " + string.Concat(Enumerable.Repeat("[x a=\"\\\"", 8000)));

        SyslogMessage m = SyslogParser.Parse(input, DateTimeOffset.UnixEpoch);

        Assert.True(m.IsMalformed);
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && random.Next(2) == 0)
        {
            bytes[0] = (byte)'<';
        }
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(1, 6);
        byte[] interesting = "<>[]\"\\=; -,\n\0"u8.ToArray();
        for (int e = 0; e < edits; e++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            byte value = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            switch (random.Next(3))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = value;
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, value);
                    break;
            }
        }
        if (random.Next(4) == 0 && bytes.Count > 0)
        {
            // Cut short, as a datagram or record truncated anywhere.
            bytes = bytes.GetRange(0, random.Next(bytes.Count + 1));
        }
        return [.. bytes];
    }
}
