using System.Net;
using System.Net.Sockets;

namespace PolicyApi.Infrastructure.Webhooks;

/// <summary>
/// Keeps webhooks from being aimed inside our network (server-side request forgery): a target host must resolve
/// only to public addresses — not loopback, private, carrier-grade NAT, link-local (cloud metadata), multicast or
/// unspecified — unless configuration allows loopback or private networks. Checked when a subscription is made
/// (every address the name resolves to) and again at each connection (the address actually dialled), so a name
/// that later resolves inwards is refused too.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Why <paramref name="url"/> may not be a target, or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host {url.Host} does not resolve.";
        }

        if (addresses.Length == 0)
        {
            return $"The host {url.Host} does not resolve.";
        }

        return addresses.Select(Refusal).FirstOrDefault(r => r is not null);
    }

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is allowed.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // An IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4, Teredo, IPv4-compatible) reaches that IPv4 address.
        address = EmbeddedIPv4(address) ?? address;
        var allow = options.Value;
        if (IPAddress.IsLoopback(address))
        {
            return allow.AllowLoopback ? null : $"{address} is a loopback address.";
        }

        if (IsUnspecifiedOrMulticast(address))
        {
            return $"{address} is not a unicast address.";
        }

        if (IsLinkLocal(address))
        {
            return allow.AllowPrivateNetworks ? null : $"{address} is a link-local address.";
        }

        if (IsPrivate(address))
        {
            return allow.AllowPrivateNetworks ? null : $"{address} is a private address.";
        }

        return null;
    }

    /// <summary>The connection callback of the webhook client: dials the first allowed address the host resolves to.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } refused)
            {
                refusals.Add(refused);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Refused to connect to {host}: {string.Join(" ", refusals.DefaultIfEmpty("it does not resolve."))}");
    }

    /// <summary>
    /// The IPv4 address an IPv6 address leads to, when it carries one: ::ffff:a.b.c.d (mapped), 64:ff9b::a.b.c.d and
    /// 64:ff9b:1::/48 (NAT64), 2002:aabb:ccdd::/16 (6to4), 2001:0::/32 (Teredo: the client's address, inverted, in the
    /// last four bytes) and ::a.b.c.d (IPv4-compatible, deprecated but still routed by some stacks).
    /// </summary>
    internal static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && (Zero(b, 4, 8) || (b[4] == 0 && b[5] == 1)))
        {
            return new IPAddress(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return new IPAddress(b[12..16].Select(x => (byte)~x).ToArray());
        }

        // ::a.b.c.d, but not :: and ::1, which are judged as IPv6.
        return Zero(b, 0, 12) && !Zero(b, 12, 3) ? new IPAddress(b[12..16]) : null;
    }

    private static bool Zero(byte[] bytes, int start, int count) => bytes.AsSpan(start, count).IndexOfAnyExcept((byte)0) < 0;

    private static bool IsUnspecifiedOrMulticast(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6Multicast
        || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is 0 or >= 224);

    private static bool IsLinkLocal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 169 && b[1] == 254;
    }

    private static bool IsPrivate(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }

        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 198 && b[1] is 18 or 19); // benchmarking, often used inside
    }
}
