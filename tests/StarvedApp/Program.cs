// A .NET app that beats medulla-heart through AddMedullaHeart (the beats come from the thread pool),
// then, when a line arrives on stdin, blocks every thread the pool may have. Configuration comes from
// the environment (Medulla__Heart__*), so the test decides where the heart runs: in its own PID namespace.
//
// Prints "started" once the host runs and "starved N" once all N pool threads are blocked; from then on
// nothing in the pool runs again, so the only way out is the heart's reboot (or the test killing us).
using Medulla.Heart;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Configuration.AddEnvironmentVariables();
builder.Services.AddMedullaHeart();
using IHost host = builder.Build();

// Everything on this (main, non-pool) thread is synchronous: an await here would continue on the pool.
host.StartAsync().GetAwaiter().GetResult();
Console.WriteLine("started");
Console.Out.Flush();

if (Console.ReadLine() is null)
{
    host.StopAsync().GetAwaiter().GetResult();
    return 0;
}

// The pool may never grow past this (the lowest maximum allowed is the processor count), so blocking
// this many work items starves it for good: hill climbing and starvation injection cannot add threads.
int workers = Environment.ProcessorCount;
if (!ThreadPool.SetMinThreads(workers, workers) || !ThreadPool.SetMaxThreads(workers, workers))
{
    Console.Error.WriteLine($"StarvedApp: cannot limit the thread pool to {workers} threads");
    return 2;
}
using var blocked = new CountdownEvent(workers);
using var never = new ManualResetEventSlim();
for (int i = 0; i < workers; i++)
{
    ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        blocked.Signal();
        never.Wait();
    }, null);
}
blocked.Wait();
Console.WriteLine($"starved {workers}");
Console.Out.Flush();
Thread.Sleep(Timeout.Infinite);
return 0;
