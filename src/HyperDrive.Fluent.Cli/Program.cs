using HyperDrive.Fluent.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C: cancel cleanly (trials stopped, results written); a second one kills the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await HyperDriveCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
