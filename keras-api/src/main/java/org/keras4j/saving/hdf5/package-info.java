/**
 * HDF5 for Keras interop: {@link org.keras4j.saving.hdf5.Hdf5Reader} reads the groups, string attributes and
 * weight datasets of Keras's {@code .h5} files and of a {@code .keras} file's {@code model.weights.h5};
 * {@link org.keras4j.saving.hdf5.Hdf5Writer} writes them in the layout h5py reads. Pure Java (jHDF): no native
 * library that a hostile file could crash, nothing to install, and a zip entry is read from its bytes, never
 * extracted to disk. Every size a file declares is checked before it is allocated or followed.
 */
package org.keras4j.saving.hdf5;
