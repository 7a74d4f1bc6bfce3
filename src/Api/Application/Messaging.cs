namespace PolicyApi.Api.Application;

/// <summary>A request that changes state: it runs inside a database transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
