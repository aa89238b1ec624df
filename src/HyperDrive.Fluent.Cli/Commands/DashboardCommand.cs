using System.CommandLine;
using System.Net;
using HyperDrive.Fluent.Cli.Azure;
using HyperDrive.Fluent.Cli.Dashboard;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive dashboard [ROOT] [--port N] [--host ADDRESS] [--open] [--workspace ID [--endpoint URL]]</c>: serves a
/// live, read-only view of the local runs under ROOT (default <c>.hyperdrive/runs</c>), and with a workspace its Azure
/// ML sweeps, on 127.0.0.1 until Ctrl+C; <c>--host 0.0.0.0</c> must be asked for and prints a warning.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliContext context)
    {
        var root = new Argument<string>("root")
        {
            Description = "The folder holding run folders (the parent of 'hyperdrive run --out' folders).",
            DefaultValueFactory = _ => Path.Combine(".hyperdrive", "runs"),
        };
        var port =
            new Option<int>("--port")
            { Description = "The port (default 8765; 0 picks a free one).", DefaultValueFactory = _ => 8765 };
        port.Validators.Add(r =>
        {
            if (r.GetValue(port) is < 0 or > 65535)
            {
                r.AddError($"--port {r.GetValue(port)} is not a port; use 0..65535 (0 picks a free one).");
            }
        });
        var host =
            new Option<string>("--host")
            { Description = "The address to listen on (default 127.0.0.1, this machine only).",
            DefaultValueFactory = _ => "127.0.0.1" };
        host.Validators.Add(r =>
        {
            var value = r.GetValue(host);
            if (!string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase)
                && !IPAddress.TryParse(value, out _))
            {
                r.AddError(
                    $"--host '{value}' is not an IP address; use 127.0.0.1 (the default), ::1, or 0.0.0.0 to listen " +
                    "on every interface.");
            }
        });
        var open =
            new Option<bool>("--open")
            { Description = "Open the dashboard in the browser: the BROWSER environment variable's command when set, " +
            "else the system's default (xdg-open, open, explorer)." };
        var connection = new AzureConnectionOptions();
        connection.Workspace.Required = false;
        connection.Workspace.Description =
            "Also list the Azure ML sweeps of this workspace (its ARM id), refreshed by polling. "
            + AzureConnectionOptions.CredentialsShort;
        var command =
            new Command(
            "dashboard",
            "Serve a live, read-only web view of the local runs under ROOT, and with --workspace that workspace's " +
            "Azure ML sweeps (charts, trial table, logs, CSV/JSON export).")
        {
            root, port, host, open,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var azure = parseResult.GetValue(connection.Workspace) is null
                ? null
                : new AzureSweepSource(connection.CreateClient(parseResult, context.Services, context.Error),
                    context.Services.EngineOptions);
            return RunAsync(context, parseResult.GetValue(root)!, parseResult.GetValue(host)!, parseResult.GetValue(
                port), parseResult.GetValue(open), azure, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string root, string host, int port, bool open,
        AzureSweepSource? azure, CancellationToken cancellationToken)
    {
        using (azure)
        {
            return await ServeAsync(context, root, host, port, open, azure, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ServeAsync(CliContext context, string root, string host, int port, bool open,
        AzureSweepSource? azure, CancellationToken cancellationToken)
    {
        var address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.Parse(host);
        if (!IPAddress.IsLoopback(address))
        {
            await context.Error.WriteLineAsync(
                $"warning: --host {host} makes the dashboard reachable from other machines; it has no sign-in, and " +
                $"every run, parameter and log under {Path.GetFullPath(root)} becomes readable to them.")
                .ConfigureAwait(false);
        }

        if (!Directory.Exists(root))
        {
            await context.Error.WriteLineAsync(
                $"warning: {Path.GetFullPath(root)} does not exist yet; runs written there will appear.")
                .ConfigureAwait(false);
        }

        DashboardServer server;
        try
        {
            server = await DashboardServer.StartAsync(
                root, address, port, azure: azure, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            await context.Error.WriteLineAsync(
                $"error: cannot listen on {host}:{port} ({ex.Message}); pass another --port, or --port 0 for a free " +
                "one.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (server.ConfigureAwait(false))
        {
            var sources = Path.GetFullPath(root)
                + (azure is null ? string.Empty : " and the Azure ML sweeps of workspace " + azure.Workspace);
            await context.Out.WriteLineAsync($"Dashboard of {sources}: {server.Address} (read-only; Ctrl+C stops it)")
                .ConfigureAwait(false);
            await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (open)
            {
                BrowserLauncher.Open(server.Address, context.Services.GetEnvironmentVariable, context.Error);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Out.WriteLineAsync("Dashboard stopped.").ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }
}
