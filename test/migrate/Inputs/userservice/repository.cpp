#include "service.h"

#include <fstream>

// A user is a file <data-dir>/<id>.txt holding the name; the score comes
// from the peer service.
std::string find_user(const std::string& id)
{
  std::ifstream file(settings.data_dir + "/" + id + ".txt");
  std::string name;
  if (!std::getline(file, name))
    return "";
  std::string score = ask_peer("SCORE " + id);
  return name + " score=" + score;
}
