namespace PolicyApi.Api.Application;

/// <summary>A request that changes state: it runs inside a database transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that changes state and answers nothing (a delete): its handler derives from <see cref="AsyncRequestHandler{TRequest}"/>.</summary>
public interface ICommand : ICommand<MediatR.Unit>, IRequest;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
