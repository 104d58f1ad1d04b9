// A small user service: a request handler (handler.cpp) asks the
// repository (repository.cpp), which reads a file and asks a peer service
// over TCP (peer.cpp). Synchronous, one connection at a time.
#pragma once

#include <asio.hpp>
#include <string>

// handler.cpp
std::string handle_request(const std::string& line);
void serve(asio::io_context& io_context, unsigned short port);

// repository.cpp
std::string find_user(const std::string& id);

// peer.cpp
std::string ask_peer(const std::string& question);

// Set once by main before serving.
struct Settings {
  std::string data_dir;
  unsigned short peer_port = 0;
};
extern Settings settings;
