#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/resource.h>

// accept4() is declared only under _GNU_SOURCE, which Swift's Glibc module does not define.
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
