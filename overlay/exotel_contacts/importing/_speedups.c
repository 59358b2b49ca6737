/* The optional C accelerator of the contact-file checks: four loops, each the twin of a pure-Python
   function that the package uses when this module is not built and that tests compare it with (see
   _accel.py). Built by hatch_build.py; nothing here allocates per row but the answers' small lists. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define PROBE_BITS 12

/* record_batch(slots, size, row_bits, numbers, base, start, probe_limit) -> (stopped, duplicates):
   seen.py's `_record_batch_python`, which says what it does; tests compare the two. */
static PyObject *
record_batch(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *slots_obj, *numbers;
    unsigned long long size_ull, base_ull;
    int row_bits;
    Py_ssize_t start;
    unsigned int probe_limit;
    if (!PyArg_ParseTuple(args, "OKiO!KnI", &slots_obj, &size_ull, &row_bits, &PyList_Type, &numbers,
                          &base_ull, &start, &probe_limit))
        return NULL;
    Py_buffer view;
    if (PyObject_GetBuffer(slots_obj, &view, PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    PyObject *dups = NULL, *result = NULL;
    if (view.itemsize != 8 || view.format == NULL || strcmp(view.format, "Q") != 0 ||
        (unsigned long long)(view.len / 8) != size_ull || size_ull < 2 || row_bits < 1 || row_bits > 50 ||
        probe_limit >= (1u << PROBE_BITS)) {
        PyErr_SetString(PyExc_ValueError, "slots must be an array('Q') of `size` items");
        goto done;
    }
    uint64_t *slots = (uint64_t *)view.buf;
    uint64_t size = size_ull, base = base_ull;
    uint64_t row_mask = (((uint64_t)1) << row_bits) - 1;
    Py_ssize_t count = PyList_GET_SIZE(numbers);
    if (start < 0 || start > count || base + (uint64_t)count - 1 > row_mask) {
        PyErr_SetString(PyExc_ValueError, "rows out of range for the table");
        goto done;
    }
    dups = PyList_New(0);
    if (dups == NULL) goto done;
    Py_ssize_t index;
    for (index = start; index < count; index++) {
        PyObject *item = PyList_GET_ITEM(numbers, index);
        if (!PyUnicode_Check(item) || PyUnicode_KIND(item) != PyUnicode_1BYTE_KIND) {
            PyErr_SetString(PyExc_ValueError, "numbers must be ASCII str");
            goto done;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(item);
        const Py_UCS1 *text = PyUnicode_1BYTE_DATA(item);
        Py_ssize_t at = 0;
        if (length > 0 && text[0] == '+') at = 1;
        if (length - at < 1 || length - at > 15) {
            PyErr_SetString(PyExc_ValueError, "not a number of 1 to 15 digits");
            goto done;
        }
        uint64_t number = 0;
        for (; at < length; at++) {
            unsigned digit = (unsigned)text[at] - '0';
            if (digit > 9) {
                PyErr_SetString(PyExc_ValueError, "not a number of 1 to 15 digits");
                goto done;
            }
            number = number * 10 + digit;
        }
        if (number == 0) continue; /* a row the checks refused */
        uint64_t row = base + (uint64_t)index;
        uint64_t quotient = number / size, slot = number % size;
        uint64_t key = quotient << PROBE_BITS, last = key | probe_limit, step = 0, first;
        for (;;) { /* seen.py's SeenNumbers._walk: home first, then double hashing */
            uint64_t held = slots[slot];
            if (held == 0) {
                slots[slot] = (key << row_bits) | row;
                first = row;
                break;
            }
            if ((held >> row_bits) == key) {
                first = held & row_mask;
                break;
            }
            if (key == last) goto stopped;
            if (step == 0) step = 1 + quotient % (size - 1);
            key++;
            slot += step;
            if (slot >= size) slot -= size;
        }
        if (first != row) {
            PyObject *pair = Py_BuildValue("(nK)", index, (unsigned long long)first);
            if (pair == NULL || PyList_Append(dups, pair) < 0) {
                Py_XDECREF(pair);
                goto done;
            }
            Py_DECREF(pair);
        }
    }
stopped:
    result = Py_BuildValue("(nO)", index, dups);
done:
    Py_XDECREF(dups);
    PyBuffer_Release(&view);
    return result;
}

/* The E.164 shape, `\+[1-9][0-9]{1,14}` (checks.E164 with fullmatch; tests compare the two). */
static int
e164_ok(const Py_UCS1 *text, Py_ssize_t length)
{
    if (length < 3 || length > 16 || text[0] != '+' || text[1] < '1' || text[1] > '9')
        return 0;
    for (Py_ssize_t at = 2; at < length; at++) {
        if (text[at] < '0' || text[at] > '9')
            return 0;
    }
    return 1;
}

/* Indices of the cells (a list of str) that `ok` refuses; a cell that is not ASCII is refused. */
static PyObject *
refused_cells(PyObject *cells, int (*ok)(const Py_UCS1 *, Py_ssize_t))
{
    if (!PyList_Check(cells)) {
        PyErr_SetString(PyExc_TypeError, "cells must be a list of str");
        return NULL;
    }
    PyObject *found = PyList_New(0);
    if (found == NULL)
        return NULL;
    Py_ssize_t count = PyList_GET_SIZE(cells);
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *item = PyList_GET_ITEM(cells, index);
        if (!PyUnicode_Check(item)) {
            Py_DECREF(found);
            PyErr_SetString(PyExc_TypeError, "cells must be a list of str");
            return NULL;
        }
        if (PyUnicode_KIND(item) == PyUnicode_1BYTE_KIND &&
            ok(PyUnicode_1BYTE_DATA(item), PyUnicode_GET_LENGTH(item)))
            continue;
        PyObject *number = PyLong_FromSsize_t(index);
        if (number == NULL || PyList_Append(found, number) < 0) {
            Py_XDECREF(number);
            Py_DECREF(found);
            return NULL;
        }
        Py_DECREF(number);
    }
    return found;
}

/* not_e164(cells) -> indices of the cells that are not exactly an E.164 number. */
static PyObject *
not_e164(PyObject *Py_UNUSED(module), PyObject *cells)
{
    return refused_cells(cells, e164_ok);
}

/* The spec's EmailAddress rule (checks.EMAIL_FAST, fullmatch; tests compare the two): ASCII; a
   local part of dot-separated runs of atext, at most 64 characters without dots and at most 32 besides
   its dots with them; '@'; two or more labels of letters, digits and inner hyphens, each at most 63
   characters and without hyphens in its 3rd and 4th places together, the last starting with a letter;
   at most 254 characters in all. */
static int
is_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static int
is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
email_ok(const Py_UCS1 *text, Py_ssize_t length)
{
    if (length < 1 || length > 254)
        return 0;
    Py_ssize_t at = 0, atext = 0, dots = 0;
    int after_dot = 1; /* at the start, as after a dot: a dot here would leave an empty run */
    for (; at < length && text[at] != '@'; at++) {
        if (text[at] == '.') {
            if (after_dot)
                return 0;
            dots++;
            after_dot = 1;
        } else if (is_atext(text[at])) {
            atext++;
            after_dot = 0;
        } else {
            return 0;
        }
    }
    if (at == length || after_dot || atext > (dots ? 32 : 64))
        return 0;
    at++; /* the '@' */
    for (int labels = 1;; labels++) {
        Py_ssize_t start = at;
        if (at >= length || !is_alnum(text[at]))
            return 0;
        while (at < length && (is_alnum(text[at]) || text[at] == '-'))
            at++;
        Py_ssize_t size = at - start;
        if (text[at - 1] == '-' || size > 63 || (size >= 4 && text[start + 2] == '-' && text[start + 3] == '-'))
            return 0;
        if (at == length)
            return labels >= 2 && is_alpha(text[start]);
        if (text[at] != '.')
            return 0;
        at++;
    }
}

/* An email cell: empty (the column is optional) or an address by the rule above. */
static int
email_cell_ok(const Py_UCS1 *text, Py_ssize_t length)
{
    return length == 0 || email_ok(text, length);
}

/* bad_emails(cells) -> indices of the cells (a list of str) that are neither empty nor an address by
   the rule above (checks.EMAIL_FAST_OR_EMPTY with fullmatch). */
static PyObject *
bad_emails(PyObject *Py_UNUSED(module), PyObject *cells)
{
    return refused_cells(cells, email_cell_ok);
}

/* line_breaks(chunk) -> (LF + CR - CRLF, offset of the first NUL byte or -1); one pass over a
   bytes-like object. */
static PyObject *
line_breaks(PyObject *Py_UNUSED(module), PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *data = (const unsigned char *)view.buf;
    Py_ssize_t length = view.len, index, nul = -1;
    unsigned long long breaks = 0;
    Py_BEGIN_ALLOW_THREADS
    for (index = 0; index < length; index++) {
        unsigned char byte = data[index];
        if (byte > '\r')
            continue;
        if (byte == '\n') {
            breaks++;
        } else if (byte == '\r') {
            if (index + 1 >= length || data[index + 1] != '\n')
                breaks++; /* a lone CR; a CRLF counts at its LF */
        } else if (byte == 0) {
            nul = index;
            break;
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return Py_BuildValue("(Kn)", breaks, nul);
}

static PyMethodDef methods[] = {
    {"bad_emails", bad_emails, METH_O, "Indices of the cells that are neither empty nor an address."},
    {"not_e164", not_e164, METH_O, "Indices of the cells that are not an E.164 number."},
    {"line_breaks", line_breaks, METH_O, "Line breaks (LF, CR, CRLF) and the first NUL of a chunk."},
    {"record_batch", record_batch, METH_VARARGS, "Record a batch of numbers in a SeenNumbers table."},
    {NULL, NULL, 0, NULL},
};

#ifndef EXOTEL_SOURCE_SHA256
#define EXOTEL_SOURCE_SHA256 "unknown"
#endif

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", NULL, 0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddStringConstant(m, "SOURCE_SHA256", EXOTEL_SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
