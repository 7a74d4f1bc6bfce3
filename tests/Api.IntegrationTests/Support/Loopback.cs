using System.Net;
using System.Net.Sockets;

namespace PolicyApi.Api.IntegrationTests.Support;

/// <summary>Ports on 127.0.0.1 for the servers a test starts itself (a service process, a standby).</summary>
public static class Loopback
{
    /// <summary>A port nothing listens on now (the system's choice of a free one, released at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
