# The HotReloadCluster node. Build from the repository root:
#   docker build -t hotreloadcluster-node .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/HotReloadCluster.Node/HotReloadCluster.Node.csproj -c Release -o /app

# The ASP.NET Core runtime: the node's optional HTTP endpoint (HOTRELOAD_HTTP, e.g. 0.0.0.0:8080) runs on Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# 4053: cluster remoting. /config: the watched folder (a shared volume on every source node). /data: SQLite default.
EXPOSE 4053
VOLUME ["/data"]
ENV HOTRELOAD_DATA=/data
ENTRYPOINT ["dotnet", "/app/HotReloadCluster.Node.dll"]
