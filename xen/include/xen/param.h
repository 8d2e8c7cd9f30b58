/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor command line options. Any file declares its options at file
 * scope with the *_param() macros below; each puts a struct kernel_param
 * in the linker section "lamina_params", bounded by __start_lamina_params
 * and __stop_lamina_params (defined by xen.lds.S and, in host tests, by
 * the linker itself). common/param.c parses the command line against that
 * table. Syntax and the list of options: docs/hypervisor/command-line.md.
 */
#ifndef __XEN_PARAM_H__
#define __XEN_PARAM_H__

#include <xen/compiler.h>
#include <xen/types.h>

enum param_type {
    PARAM_BOOL,                 /* bool */
    PARAM_UINT,                 /* unsigned int or unsigned long (len) */
    PARAM_SIZE,                 /* uint64_t byte count, K/M/G/T suffix */
    PARAM_STRING,               /* char[len], NUL-terminated */
    PARAM_CUSTOM,               /* parsed by par.func */
};

struct kernel_param {
    const char *name;           /* [I] option name, '-' and '_' alike */
    const char *desc;           /* [I] one line for param_print_help() */
    enum param_type type;       /* [I] */
    unsigned int len;           /* [I] sizeof the variable */
    union {
        void *var;
        int (*func)(const char *value);
    } par;                      /* [I] */
};

#define __PARAM_CAT(a, b)   a##b
#define __PARAM_ID(n)       __PARAM_CAT(__kparam_, n)

/*
 * The explicit alignment stops GCC from padding entries out to a larger
 * alignment, which would leave holes in the table.
 */
#define __param(_name, _type, _len, _member, _target, _desc)           \
    static const struct kernel_param __PARAM_ID(__COUNTER__)           \
    __used __section("lamina_params") __aligned(sizeof(void *)) = {    \
        .name = _name, .desc = _desc, .type = _type, .len = _len,      \
        .par._member = _target }

/*
 * The optional last argument of each macro is a string literal describing
 * the option in one line. Variables must have static storage duration.
 *
 * boolean_param: `name`, `no-name`, or `name=` one of yes/no, on/off,
 *   true/false, 1/0, enable/disable.
 */
#define boolean_param(_name, _var, ...)                                 \
    _Static_assert(__builtin_types_compatible_p(__typeof__(_var), bool),\
                   "boolean_param needs a bool");                      \
    __param(_name, PARAM_BOOL, sizeof(_var), var, &(_var), "" __VA_ARGS__)

/* integer_param: `name=N`, decimal, 0x hex or 0 octal, range-checked. */
#define integer_param(_name, _var, ...)                                 \
    _Static_assert(sizeof(_var) == 4 || sizeof(_var) == 8,              \
                   "integer_param needs a 32- or 64-bit integer");      \
    __param(_name, PARAM_UINT, sizeof(_var), var, &(_var), "" __VA_ARGS__)

/* size_param: `name=N[K|M|G|T]` (powers of 1024; none: bytes). */
#define size_param(_name, _var, ...)                                    \
    _Static_assert(__builtin_types_compatible_p(__typeof__(_var),      \
                                                uint64_t),             \
                   "size_param needs a uint64_t");                     \
    __param(_name, PARAM_SIZE, sizeof(_var), var, &(_var), "" __VA_ARGS__)

/* string_param: `name=text`, copied into the array; warns if truncated. */
#define string_param(_name, _var, ...)                                  \
    _Static_assert(__builtin_types_compatible_p(__typeof__(_var),      \
                                                char[sizeof(_var)]),   \
                   "string_param needs a char array");                 \
    __param(_name, PARAM_STRING, sizeof(_var), var, _var, "" __VA_ARGS__)

/*
 * custom_param: fn(value) gets the text after '=' ("" for a bare `name`)
 * and returns 0, or a negative errno value if the value is malformed.
 */
#define custom_param(_name, _fn, ...) \
    __param(_name, PARAM_CUSTOM, 0, func, _fn, "" __VA_ARGS__)

/*
 * Parse a command line: options separated by spaces, each `name` or
 * `name=value`; double quotes group text containing spaces. A `--` ends
 * the hypervisor's part (the rest belongs to dom0). Unknown options and
 * bad values are reported with printk(XENLOG_WARNING) and skipped; a bad
 * value leaves the variable untouched. Returns the number of warnings.
 * Context: boot, single CPU (options are not locked).
 */
int cmdline_parse(const char *cmdline);

/* printk() every option with its type, current value and description. */
void param_print_help(void);

/*
 * For custom parsers. parse_bool: the text s .. e (e NULL: to the NUL) as
 * a boolean word; returns 1, 0 or -EINVAL. parse_size: a number with an
 * optional K/M/G/T suffix into *size; with end NULL the whole string must
 * be used, else *end is set past the text used. Returns 0, -EINVAL if
 * malformed or -ERANGE if above 2^64 - 1.
 */
int parse_bool(const char *s, const char *e);
int parse_size(const char *s, const char **end, uint64_t *size);

#endif /* __XEN_PARAM_H__ */
