/** The console's entry: routes under the session provider. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { Cluster } from './pages/Cluster.tsx';
import { ClusterCreate } from './pages/ClusterCreate.tsx';
import { Clusters } from './pages/Clusters.tsx';
import { Layout } from './pages/Layout.tsx';
import { Login } from './pages/Login.tsx';
import { Users } from './pages/Users.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

function Root() {
  return (
    <SessionProvider>
      <Outlet />
    </SessionProvider>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <Login /> },
      {
        element: <Layout />,
        children: [
          { path: '/', element: <Navigate to="/clusters" replace /> },
          { path: '/clusters', element: <Clusters /> },
          { path: '/clusters/new', element: <ClusterCreate /> },
          { path: '/clusters/:name', element: <Cluster /> },
          { path: '/users', element: <Users /> },
          { path: '*', element: <p>Nothing here. <a href="/clusters">Go to the clusters.</a></p> },
        ],
      },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
