using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyApi.Api.IntegrationTests.Webhooks;

/// <summary>A request the receiver got: as sent, headers and all.</summary>
public sealed record ReceivedRequest(int Number, string PathAndQuery, IHeaderDictionary Headers, string Body);

/// <summary>
/// A webhook receiver as a subscriber runs one: a real Kestrel server on a free loopback port, answering each
/// request with the status <see cref="StatusFor"/> gives its number (1 for the first), and keeping what it got.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>The status answered to the request of a number (1 for the first); 200 unless set.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    /// <summary>The body answered with a 2xx (a robot answers {"errcode":0,…}).</summary>
    public string ResponseBody { get; set; } = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    /// <summary>How long it takes to answer (a slow receiver keeps a delivery claimed).</summary>
    public TimeSpan Delay { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var number = Interlocked.Increment(ref _count);
        var headers = new HeaderDictionary();
        foreach (var (name, value) in http.Request.Headers)
        {
            headers[name] = value;
        }

        Received.Enqueue(new ReceivedRequest(number, http.Request.Path + http.Request.QueryString, headers, body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        http.Response.StatusCode = StatusFor(number);
        if (http.Response.StatusCode is >= 200 and < 300)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(ResponseBody);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
